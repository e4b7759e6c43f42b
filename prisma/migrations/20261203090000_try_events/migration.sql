-- CreateTable
CREATE TABLE "TryEvent" (
    "id" BIGSERIAL NOT NULL,
    "fileId" TEXT NOT NULL,
    "applianceId" TEXT NOT NULL,
    "userId" TEXT,
    "actorKey" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TryEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TryEvent_applianceId_day_idx" ON "TryEvent"("applianceId", "day");

-- CreateIndex
CREATE UNIQUE INDEX "TryEvent_fileId_actorKey_day_key" ON "TryEvent"("fileId", "actorKey", "day");

-- AddForeignKey
ALTER TABLE "TryEvent" ADD CONSTRAINT "TryEvent_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "ApplianceFile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TryEvent" ADD CONSTRAINT "TryEvent_applianceId_fkey" FOREIGN KEY ("applianceId") REFERENCES "Appliance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TryEvent" ADD CONSTRAINT "TryEvent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
