import { Enums, Models, Serialize, Spec, SPDX } from '@cyclonedx/cyclonedx-library';
import type { InsidePackage, InsideReport } from './types';

export interface SbomSubject {
  applianceName: string;
  version: string;
  fileName: string;
  /** SHA-256 of the file, hex. */
  sha256: string;
  /** When the SBOM was made; default now. */
  timestamp?: Date;
}

const TOOL_NAME = 'appliance-exchange-inside';
const TOOL_VERSION = '1';

/** A deterministic urn:uuid from the file digest, so the same file always gets the same serial number. */
function serialNumber(sha256: string): string {
  const h = sha256.toLowerCase().padEnd(32, '0');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function licenses(license: string | undefined): Models.LicenseRepository {
  const repo = new Models.LicenseRepository();
  if (!license) return repo;
  const name = license.trim().slice(0, 200);
  repo.add(SPDX.isSupportedSpdxId(name) ? new Models.SpdxLicense(name) : new Models.NamedLicense(name));
  return repo;
}

function packageComponent(p: InsidePackage): Models.Component {
  const properties = new Models.PropertyRepository([new Models.Property('appliance-exchange:package-manager', p.manager)]);
  if (p.source) properties.add(new Models.Property('appliance-exchange:source-package', p.source));
  return new Models.Component(Enums.ComponentType.Library, p.name, {
    bomRef: p.purl,
    version: p.version,
    purl: p.purl,
    licenses: licenses(p.license),
    properties,
  });
}

/**
 * A CycloneDX 1.6 SBOM (JSON object) for one appliance file: the file as the root component, its
 * operating system, and every installed package with its purl. Findings are not part of it: the
 * SBOM lists contents, the report judges them.
 */
export function buildSbom(report: InsideReport, subject: SbomSubject): object {
  const bom = new Models.Bom({ serialNumber: serialNumber(subject.sha256) });
  bom.metadata.timestamp = subject.timestamp ?? new Date();
  bom.metadata.tools.components.add(new Models.Component(Enums.ComponentType.Application, TOOL_NAME, { version: TOOL_VERSION }));
  const root = new Models.Component(Enums.ComponentType.Application, subject.applianceName, {
    bomRef: 'appliance',
    version: subject.version,
    description: `Contents of ${subject.fileName}`,
    hashes: new Models.HashDictionary([[Enums.HashAlgorithm['SHA-256'], subject.sha256.toLowerCase()]]),
    properties: new Models.PropertyRepository([
      new Models.Property('appliance-exchange:file-name', subject.fileName),
      new Models.Property('appliance-exchange:inside-status', report.status),
      ...(report.kernels.map((k) => new Models.Property('appliance-exchange:kernel', k))),
    ]),
  });
  bom.metadata.component = root;

  if (report.os) {
    const os = new Models.Component(Enums.ComponentType.OperatingSystem, report.os.id, {
      bomRef: 'os',
      version: report.os.versionId,
      description: report.os.prettyName,
    });
    bom.components.add(os);
    root.dependencies.add(os.bomRef);
  }
  const seen = new Set<string>();
  for (const p of report.packages) {
    if (seen.has(p.purl)) continue; // bom-refs must be unique
    seen.add(p.purl);
    const c = packageComponent(p);
    bom.components.add(c);
    root.dependencies.add(c.bomRef);
  }

  const factory = new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6);
  return factory.makeForBom().normalize(bom, { sortLists: true });
}
