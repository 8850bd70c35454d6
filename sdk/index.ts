// pulumi-lineworks: the LINE WORKS directory as Pulumi resources.
export { Position, type PositionArgs } from "./position";
export { UserType, type UserTypeArgs } from "./userType";
export { providers, type I18nName } from "./common";
