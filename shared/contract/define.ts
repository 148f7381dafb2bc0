import type { z } from 'zod';

/** One request of the contract: the schema its input must pass and (as a type only) its result. */
export interface RequestSpec<Input extends z.ZodType, Result> {
  input: Input;
  /** Never set; carries the result type. */
  readonly result?: Result;
}

/** One event of the contract; the payload is a type only. */
export interface EventSpec<Payload> {
  readonly payload?: Payload;
}

export function request<Result>() {
  return <Input extends z.ZodType>(input: Input): RequestSpec<Input, Result> => ({ input });
}

export function event<Payload>(): EventSpec<Payload> {
  return {};
}
