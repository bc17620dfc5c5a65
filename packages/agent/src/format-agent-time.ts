/**
 * The agent's clock as it sends it in `report_state`: UTC `%Y-%m-%dT%H:%M:%S.%f` (microseconds,
 * no zone).
 */
export function formatAgentTime(time: Date): string {
  return `${time.toISOString().slice(0, 23)}000`;
}
