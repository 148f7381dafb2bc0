// Reading message modules: plain functions, shared by the renderer's catalogue and the catalogue test.

export interface MessageDescriptor {
  id: string;
  defaultMessage: string;
  description?: string;
}

function isDescriptor(value: unknown): value is MessageDescriptor {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as MessageDescriptor).id === 'string' &&
    typeof (value as MessageDescriptor).defaultMessage === 'string'
  );
}

/** Every descriptor a set of message modules export (each export a `defineMessages` object). */
export function collectDescriptors(modules: Record<string, unknown>): MessageDescriptor[] {
  const found: MessageDescriptor[] = [];
  for (const module of Object.values(modules))
    for (const exported of Object.values(module as Record<string, unknown>))
      if (typeof exported === 'object' && exported !== null)
        for (const value of Object.values(exported)) if (isDescriptor(value)) found.push(value);
  return found;
}
