// `netspec/runtime`: everything a generated model module imports, from one specifier, so that a
// module compiled into a user's project needs netspec's package and nothing of its layout.
export * from './layers/index.ts';
export { biasInitializer, weightInitializer, type InitScheme } from './init.ts';
