import type { DeviceKind } from '@parley/sdk';

/** One entry of a device picker. */
export interface DeviceOption {
  readonly deviceId: string;
  readonly label: string;
}

/**
 * The devices of one kind worth offering, in the browser's order. Entries without a deviceId
 * (the browser hides them before capture permission) are left out; unlabelled ones get a
 * number so two of them can still be told apart.
 */
export function deviceOptions(devices: readonly MediaDeviceInfo[], kind: DeviceKind, noun: string): DeviceOption[] {
  return devices
    .filter((device) => device.kind === kind && device.deviceId !== '')
    .map((device, index) => ({ deviceId: device.deviceId, label: device.label || `${noun} ${index + 1}` }));
}

/**
 * Which option shows as chosen: the device in use, else the last one picked (a camera that is
 * off has no track to ask), else the first (the browser's default comes first).
 */
export function selectedDevice(
  options: readonly DeviceOption[],
  inUse: string | undefined,
  lastPicked: string | undefined,
): string | undefined {
  for (const id of [inUse, lastPicked]) {
    if (id !== undefined && options.some((option) => option.deviceId === id)) return id;
  }
  return options[0]?.deviceId;
}
