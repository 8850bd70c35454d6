// pulumi-lineworks: the LINE WORKS directory as Pulumi resources.
export { Position, type PositionArgs } from "./position";
export { UserType, type UserTypeArgs } from "./userType";
export { Level, type LevelArgs } from "./level";
export { OrgUnit, type OrgUnitArgs, type AllowedMember } from "./orgUnit";
export { User, type UserArgs, type UserLeaveOfAbsence, type UserMessenger, type UserOrganization, type UserOrgUnit, type UserRelation } from "./user";
export { UserRoster, type UserRosterArgs, type MemberArgs } from "./userRoster";
export { Group, type GroupArgs, type GroupMember, type GroupAdministrator } from "./group";
export { EmploymentType, type EmploymentTypeArgs } from "./employmentType";
export { CustomProperty, type CustomPropertyArgs, type CustomPropertyOption } from "./customProperty";
export { DirectoryFeature, type DirectoryFeatureArgs, type DirectoryFeatureName } from "./directoryFeature";
export { providers, type I18nName } from "./common";
export { Directory, type DirectoryArgs } from "./directory";
export { directorySpec, directoryJsonSchema, SpecError, type DirectorySpec, type OrgUnitEntry, type SpecProblem } from "../provider/spec";
