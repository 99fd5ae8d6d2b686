// A value built on first use and disposed once. Keeps activation cheap: nothing heavy is
// loaded until a feature actually needs it.
export class Lazy<T> {
  private value?: T;

  constructor(private readonly create: () => T, private readonly destroy: (value: T) => void | Promise<void>) {}

  get(): T {
    this.value ??= this.create();
    return this.value;
  }

  get created(): boolean {
    return this.value !== undefined;
  }

  async dispose(): Promise<void> {
    const value = this.value;
    this.value = undefined;
    if (value !== undefined) await this.destroy(value);
  }
}
