// Errors a device reports outside any call (WebGPU's uncaptured validation and out-of-memory
// errors): tfjs does not surface them, so without this a run carries on computing garbage. The
// backend that owns the device records the first one; the training loop stops on it.
let first: string | undefined;

export function reportDeviceError(message: string): void {
  first ??= message;
}

/** The first error reported since the last call, then forgets it. */
export function takeDeviceError(): string | undefined {
  const m = first;
  first = undefined;
  return m;
}
