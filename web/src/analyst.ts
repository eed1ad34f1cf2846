// The analyst name remembered in this browser, shared by the threat review and event decisions
// (until the workbench has logins). Storage may be unavailable (private mode): then it is not kept.
const ANALYST_KEY = 'rasad.analyst';

export function rememberedAnalyst(): string {
  try {
    return window.localStorage.getItem(ANALYST_KEY) ?? '';
  } catch {
    return '';
  }
}

export function rememberAnalyst(name: string): void {
  try {
    window.localStorage.setItem(ANALYST_KEY, name);
  } catch {
    // private mode or storage disabled: the name is simply not remembered
  }
}
