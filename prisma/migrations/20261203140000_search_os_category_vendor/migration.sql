-- Full-text search also finds an appliance by its operating system (family, name, release read
-- from the disk), its category (name and slug) and its vendor (the publisher's name and handle),
-- as well as by name, tags, summary, description and packages. Category and OS weigh like tags
-- (B): they are curated facts of the listing; the vendor weighs like the description (C).
CREATE OR REPLACE FUNCTION appliance_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  category_text text;
  vendor_text text;
BEGIN
  SELECT c."name" || ' ' || c."slug" INTO category_text FROM "Category" c WHERE c."id" = NEW."categoryId";
  SELECT p."displayName" || ' ' || p."handle" INTO vendor_text FROM "Publisher" p WHERE p."id" = NEW."publisherId";
  NEW."searchVector" :=
    setweight(to_tsvector('english', coalesce(NEW."name", '')), 'A') ||
    setweight(to_tsvector('english', coalesce(array_to_string(NEW."tags", ' '), '')), 'B') ||
    setweight(to_tsvector('english', coalesce(NEW."summary", '')), 'B') ||
    setweight(to_tsvector('english', coalesce(category_text, '')), 'B') ||
    setweight(to_tsvector('english', concat_ws(' ', NEW."osFamily", NEW."osName", NEW."osRelease")), 'B') ||
    setweight(to_tsvector('english', coalesce(NEW."description", '')), 'C') ||
    setweight(to_tsvector('english', coalesce(vendor_text, '')), 'C') ||
    setweight(to_tsvector('english', coalesce(array_to_string(NEW."insidePackages", ' '), '')), 'D');
  RETURN NEW;
END
$$;

DROP TRIGGER appliance_search_vector_update ON "Appliance";
CREATE TRIGGER appliance_search_vector_update
  BEFORE INSERT OR UPDATE OF "name", "tags", "summary", "description", "insidePackages",
    "categoryId", "publisherId", "osFamily", "osName", "osRelease" ON "Appliance"
  FOR EACH ROW EXECUTE FUNCTION appliance_search_vector();

-- A renamed category or publisher re-indexes its listings (naming the column in SET fires the
-- trigger above, even with the value unchanged).
CREATE FUNCTION category_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Appliance" SET "categoryId" = "categoryId" WHERE "categoryId" = NEW."id";
  RETURN NULL;
END
$$;
CREATE TRIGGER category_search_refresh
  AFTER UPDATE OF "name", "slug" ON "Category"
  FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name" OR OLD."slug" IS DISTINCT FROM NEW."slug")
  EXECUTE FUNCTION category_search_refresh();

CREATE FUNCTION publisher_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Appliance" SET "publisherId" = "publisherId" WHERE "publisherId" = NEW."id";
  RETURN NULL;
END
$$;
CREATE TRIGGER publisher_search_refresh
  AFTER UPDATE OF "displayName", "handle" ON "Publisher"
  FOR EACH ROW WHEN (OLD."displayName" IS DISTINCT FROM NEW."displayName" OR OLD."handle" IS DISTINCT FROM NEW."handle")
  EXECUTE FUNCTION publisher_search_refresh();

-- Existing listings get the new document.
UPDATE "Appliance" SET "name" = "name";

-- "downloadSizeBytes" becomes the size of the newest release's default file (the one a plain
-- download or `apx pull` fetches: an OVA first, then the amd64 build, then the largest; see
-- lib/launch/default-file.ts) instead of its smallest file, which was often a compressed side file.
UPDATE "Appliance" a SET "downloadSizeBytes" = (
  SELECT f."sizeBytes" FROM "ApplianceVersion" v JOIN "ApplianceFile" f ON f."versionId" = v."id"
  WHERE v."applianceId" = a."id" AND v."version" = a."latestVersion" AND v."status" = 'RELEASED' AND f."status" = 'VERIFIED'
  ORDER BY (f."architecture" = 'AMD64') DESC,
    array_position(ARRAY['OVA', 'QCOW2', 'VMDK', 'RAW', 'OVF', 'ISO', 'VAGRANT_BOX'], f."format"::text),
    f."sizeBytes" DESC
  LIMIT 1)
WHERE a."latestVersion" IS NOT NULL;
