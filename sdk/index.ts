// pulumi-lineworks: the LINE WORKS directory as Pulumi resources.
export { Position, type PositionArgs } from "./position";
export { UserType, type UserTypeArgs } from "./userType";
export { Level, type LevelArgs } from "./level";
export { OrgUnit, type OrgUnitArgs } from "./orgUnit";
export { User, type UserArgs, type UserOrganization, type UserOrgUnit } from "./user";
export { UserRoster, type UserRosterArgs, type MemberArgs } from "./userRoster";
export { Group, type GroupArgs, type GroupMember, type GroupAdministrator } from "./group";
export { EmploymentType, type EmploymentTypeArgs } from "./employmentType";
export { DirectoryFeature, type DirectoryFeatureArgs, type DirectoryFeatureName } from "./directoryFeature";
export { providers, type I18nName } from "./common";
export { Directory, type DirectoryArgs } from "./directory";
export { directorySpec, directoryJsonSchema, SpecError, type DirectorySpec, type OrgUnitEntry, type SpecProblem } from "../provider/spec";
