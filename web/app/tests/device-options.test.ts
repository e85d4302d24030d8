import { describe, expect, it } from 'vitest';
import { deviceOptions, selectedDevice } from '../src/devices/device-options.js';

function device(kind: MediaDeviceKind, deviceId: string, label = ''): MediaDeviceInfo {
  return { kind, deviceId, label, groupId: 'g', toJSON: () => ({}) };
}

describe('deviceOptions', () => {
  const devices = [
    device('audioinput', 'default', 'Default microphone'),
    device('videoinput', 'cam-a', 'Front camera'),
    device('audioinput', 'usb', ''),
    device('videoinput', '', ''), // not yet permitted: no id to switch to
    device('audiooutput', 'speaker', 'Speaker'),
  ];

  it('keeps one kind, in the browser order, with ids', () => {
    expect(deviceOptions(devices, 'audioinput', 'Microphone')).toEqual([
      { deviceId: 'default', label: 'Default microphone' },
      { deviceId: 'usb', label: 'Microphone 2' },
    ]);
    expect(deviceOptions(devices, 'videoinput', 'Camera')).toEqual([{ deviceId: 'cam-a', label: 'Front camera' }]);
  });
});

describe('selectedDevice', () => {
  const options = [
    { deviceId: 'a', label: 'A' },
    { deviceId: 'b', label: 'B' },
  ];

  it('prefers the device in use, then the last pick, then the first', () => {
    expect(selectedDevice(options, 'b', 'a')).toBe('b');
    expect(selectedDevice(options, undefined, 'b')).toBe('b');
    expect(selectedDevice(options, 'gone', undefined)).toBe('a');
    expect(selectedDevice([], undefined, undefined)).toBeUndefined();
  });
});
