-- AlterTable
ALTER TABLE "Appliance" ADD COLUMN     "defaultCredentials" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "ports" JSONB NOT NULL DEFAULT '[]';
