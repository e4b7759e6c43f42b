import { describe, expect, it } from 'vitest';
import { completeResultXml, errorXml, parseCompleteMultipartXml } from '@/lib/core/uploads/s3-dialect';

describe("S3's CompleteMultipartUpload dialect", () => {
  it('reads the parts Uppy sends', () => {
    const xml = '<CompleteMultipartUpload><Part><PartNumber>2</PartNumber><ETag>&quot;bb&quot;</ETag></Part><Part><PartNumber>1</PartNumber><ETag>aa</ETag></Part></CompleteMultipartUpload>';
    expect(parseCompleteMultipartXml(xml)).toEqual([
      { PartNumber: 2, ETag: '"bb"' },
      { PartNumber: 1, ETag: 'aa' },
    ]);
  });

  it('refuses DTDs, entities and malformed parts', () => {
    expect(() => parseCompleteMultipartXml('<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>&x;</ETag></Part></CompleteMultipartUpload>')).toThrow(/not accepted/);
    expect(() => parseCompleteMultipartXml('<Other/>')).toThrow(/CompleteMultipartUpload/);
    expect(() => parseCompleteMultipartXml('<CompleteMultipartUpload><Part><ETag>a</ETag></Part></CompleteMultipartUpload>')).toThrow(/PartNumber/);
    expect(() => parseCompleteMultipartXml(`<CompleteMultipartUpload>${'x'.repeat(2_000_001)}</CompleteMultipartUpload>`)).toThrow(/too long/);
  });

  it('escapes what it writes', () => {
    expect(completeResultXml({ location: 'http://h/x?a=1&b=2', bucket: 'b', key: 'k<>', fileId: 'f' })).toContain('<Location>http://h/x?a=1&amp;b=2</Location><Bucket>b</Bucket><Key>k&lt;&gt;</Key>');
    expect(errorXml('INVALID', 'a < b')).toContain('<Message>a &lt; b</Message>');
  });
});
