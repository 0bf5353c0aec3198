// Chinese names of the lists, list statuses and list changes, shared by notices, reports,
// exports and the exchange files (one wording everywhere).
export const LIST_KIND_NAMES: Record<string, string> = { WARNING: "警示名单", KEY_ATTENTION: "重点关注名单", JOINT_PUNISHMENT: "失信联合惩戒对象名单" };

export const LIST_STATUS_NAMES: Record<string, string> = {
  PRELIMINARY: "程序中（催告、告知）",
  PUBLICIZING: "初步名单公示中",
  LISTED: "已列入",
  SUSPENDED: "异议核查中，暂停执行",
  REMOVED: "已移出",
};

export const LIST_ACTION_NAMES: Record<string, string> = { ADDED: "新增", CHANGED: "变更", REMOVED: "移出" };
