/** Pages the publishing actions send people to or refresh. */
export const listingEditorPath = (applianceId: string) => `/publish/appliances/${applianceId}`;

export const versionEditorPath = (applianceId: string, versionId: string) => `${listingEditorPath(applianceId)}/versions/${versionId}`;

export const listingPagePath = (publisher: string, slug: string) => `/appliances/${encodeURIComponent(publisher)}/${encodeURIComponent(slug)}`;
