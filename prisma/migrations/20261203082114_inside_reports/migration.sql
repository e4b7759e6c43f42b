-- CreateEnum
CREATE TYPE "InsideStatus" AS ENUM ('PENDING', 'READ', 'PARTIAL', 'NOT_READ');

-- AlterTable
ALTER TABLE "Appliance" ADD COLUMN     "insidePackages" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "osRelease" TEXT;

-- AlterTable
ALTER TABLE "ApplianceFile" ADD COLUMN     "inside" JSONB,
ADD COLUMN     "insideReadAt" TIMESTAMP(3),
ADD COLUMN     "insideStatus" "InsideStatus";

-- Full-text search also finds an appliance by the packages inside its newest release, at the
-- lowest weight (D), so a package match ranks below a name, tag, summary or description match.
CREATE OR REPLACE FUNCTION appliance_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."searchVector" :=
    setweight(to_tsvector('english', coalesce(NEW."name", '')), 'A') ||
    setweight(to_tsvector('english', coalesce(array_to_string(NEW."tags", ' '), '')), 'B') ||
    setweight(to_tsvector('english', coalesce(NEW."summary", '')), 'B') ||
    setweight(to_tsvector('english', coalesce(NEW."description", '')), 'C') ||
    setweight(to_tsvector('english', coalesce(array_to_string(NEW."insidePackages", ' '), '')), 'D');
  RETURN NEW;
END
$$;

DROP TRIGGER appliance_search_vector_update ON "Appliance";
CREATE TRIGGER appliance_search_vector_update
  BEFORE INSERT OR UPDATE OF "name", "tags", "summary", "description", "insidePackages" ON "Appliance"
  FOR EACH ROW EXECUTE FUNCTION appliance_search_vector();
