// Types of offers.mjs, a plain module that capture-offers.mjs runs in Node and the test passes to pages.

/** What one publish offer sends. */
export interface Scenario {
  readonly audio: boolean;
  readonly video: boolean;
  readonly simulcast: boolean;
  readonly data: boolean;
  readonly maxBundle: boolean;
}

export const SCENARIOS: {
  readonly 'audio-video-simulcast': Scenario;
  readonly 'audio-video-max-bundle': Scenario;
  readonly 'audio-only': Scenario;
  readonly 'video-only': Scenario;
  readonly 'data-channel': Scenario;
};

/** In the page: a publish connection's offer, set as its local description. */
export function makeOffer(scenario: Scenario): Promise<string>;

/** In the page: the browser's answer to an offer of the SFU's subscribe connection. */
export function answerOffer(offer: string): Promise<string>;
