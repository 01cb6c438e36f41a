export const id = 715;
export const ids = [715];
export const modules = {

/***/ 2715:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   resolveAssumedRoles: () => (/* binding */ resolveAssumedRoles)
/* harmony export */ });
/* unused harmony export explainAssumedRoleError */
/* harmony import */ var _credentials_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6777);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9378);
/* harmony import */ var _shared_format_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6338);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6141);




/**
 * One session per role, each opened with sts:AssumeRole from the caller's credentials (as the command's
 * --role-arn does) and renewed before it expires. A role that cannot be assumed is its account's failure;
 * the other accounts go on.
 */
async function resolveAssumedRoles(roles, sessionSeconds, deps) {
    const settled = await Promise.all(roles.map(async (role) => {
        const open = async () => (0,_credentials_js__WEBPACK_IMPORTED_MODULE_0__/* .maskSession */ .VB)(await deps.assumeRole(role.arn), deps.mask);
        try {
            const session = await open();
            const margin = (0,_credentials_js__WEBPACK_IMPORTED_MODULE_0__/* .renewBefore */ .fb)(deps.renewBeforeMs, sessionSeconds);
            return {
                target: { account: role.account, roleArn: role.arn, credentials: (0,_credentials_js__WEBPACK_IMPORTED_MODULE_0__/* .renewing */ .IU)(session, open, deps.now ?? Date.now, margin) }
            };
        }
        catch (error) {
            return {
                failure: {
                    account: role.account,
                    region: _types_js__WEBPACK_IMPORTED_MODULE_2__/* .ALL_REGIONS */ .m,
                    message: explainAssumedRoleError(error, role),
                    code: (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorCode */ .CA)(error)
                }
            };
        }
    }));
    return {
        targets: settled.flatMap((outcome) => ('target' in outcome ? [outcome.target] : [])),
        failures: settled.flatMap((outcome) => ('failure' in outcome ? [outcome.failure] : []))
    };
}
/** Why a role could not be assumed with the caller's credentials, and what to change. */
function explainAssumedRoleError(error, role) {
    const code = (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorCode */ .CA)(error);
    if (code === 'AccessDenied' || code === 'AccessDeniedException') {
        return `Could not assume ${role.arn}: AWS denied sts:AssumeRole. The role's trust policy must name the identity you run as (aws sts get-caller-identity shows it), with its sts:ExternalId condition matching --external-id when it has one, and that identity's policy must allow sts:AssumeRole on the role. AWS said: ${(0,_shared_format_js__WEBPACK_IMPORTED_MODULE_3__/* .messageOf */ .bD)(error).replace(/\s+/gu, ' ').trim()}`;
    }
    return (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .explainAwsError */ .Ni)(error, 'sts:AssumeRole', `account ${role.account} (${role.arn})`);
}


/***/ })

};
