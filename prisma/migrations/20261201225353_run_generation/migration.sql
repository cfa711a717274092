-- CreateTable
CREATE TABLE "RunGeneration" (
    "experimentId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "generation" INTEGER NOT NULL DEFAULT 0
);

-- Every change of a run bumps its experiment's generation, in the same transaction (the read threads'
-- cache key, server/src/db/readPool.ts; a cascaded delete fires the delete trigger too). Existing runs
-- need no row: a missing row reads as generation 0 until the first change.
CREATE TRIGGER "Run_generation_insert" AFTER INSERT ON "Run" BEGIN
    INSERT INTO "RunGeneration" ("experimentId", "generation") VALUES (NEW."experimentId", 1)
        ON CONFLICT ("experimentId") DO UPDATE SET "generation" = "generation" + 1;
END;

CREATE TRIGGER "Run_generation_update" AFTER UPDATE ON "Run" BEGIN
    INSERT INTO "RunGeneration" ("experimentId", "generation") VALUES (NEW."experimentId", 1)
        ON CONFLICT ("experimentId") DO UPDATE SET "generation" = "generation" + 1;
    INSERT INTO "RunGeneration" ("experimentId", "generation") SELECT OLD."experimentId", 1 WHERE OLD."experimentId" IS NOT NEW."experimentId"
        ON CONFLICT ("experimentId") DO UPDATE SET "generation" = "generation" + 1;
END;

CREATE TRIGGER "Run_generation_delete" AFTER DELETE ON "Run" BEGIN
    INSERT INTO "RunGeneration" ("experimentId", "generation") VALUES (OLD."experimentId", 1)
        ON CONFLICT ("experimentId") DO UPDATE SET "generation" = "generation" + 1;
END;
