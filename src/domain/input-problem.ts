/** One invalid input field; the zh-CN message is for people and names the field. */
export class InputProblem {
  constructor(
    readonly field: string,
    readonly message: string,
  ) {}
}
