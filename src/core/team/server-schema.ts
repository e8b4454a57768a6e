// The team server's schema, in PostgreSQL itself: tables in the schema "claimtag", one role per
// analyst (members of the group role claimtag_member), row-level security as the only boundary.
//   - An analyst reads only the studies they belong to, and writes only rows they own
//     (owner = their role); an annotation's annotator must be their own.
//   - The reference (is_reference), decisions and tag set versions are the adjudicator's.
//   - Every insert or update stamps `version` from one sequence under a per-study advisory lock
//     taken for the rest of the transaction, so within a study versions become visible in
//     increasing order: "changed since version N" never misses a row (Zotero's library version).
// Steps are append-only, like the SQLite migrations; `claimtag team init` runs the missing ones.

export const MEMBER_GROUP = 'claimtag_member';
export const SERVER_SCHEMA = 'claimtag';

/** Server schema steps, oldest first. Append only. */
export const SERVER_STEPS: readonly string[] = [
  `
  DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${MEMBER_GROUP}') THEN CREATE ROLE ${MEMBER_GROUP} NOLOGIN; END IF;
  END $$;
  CREATE SCHEMA claimtag;
  REVOKE ALL ON SCHEMA claimtag FROM PUBLIC;
  GRANT USAGE ON SCHEMA claimtag TO ${MEMBER_GROUP};
  CREATE SEQUENCE claimtag.change_version;
  GRANT USAGE ON SEQUENCE claimtag.change_version TO ${MEMBER_GROUP};

  CREATE TABLE claimtag.studies (
    id          text PRIMARY KEY,
    name        text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    created_at  timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE claimtag.members (
    study_id        text NOT NULL REFERENCES claimtag.studies(id) ON DELETE CASCADE,
    role_name       text NOT NULL,
    display_name    text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 80),
    annotator_id    text,
    is_adjudicator  boolean NOT NULL DEFAULT false,
    PRIMARY KEY (study_id, role_name),
    UNIQUE (study_id, annotator_id)
  );
  CREATE TABLE claimtag.documents (
    sha256       text PRIMARY KEY CHECK (sha256 = encode(sha256(convert_to(text, 'UTF8')), 'hex')),
    title        text NOT NULL,
    source       text NOT NULL DEFAULT '',
    text         text NOT NULL,
    blocks       jsonb NOT NULL,
    uploaded_by  text NOT NULL DEFAULT current_user,
    uploaded_at  timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE claimtag.study_documents (
    study_id         text NOT NULL REFERENCES claimtag.studies(id) ON DELETE CASCADE,
    document_sha256  text NOT NULL REFERENCES claimtag.documents(sha256),
    added_by         text NOT NULL DEFAULT current_user,
    PRIMARY KEY (study_id, document_sha256)
  );
  CREATE TABLE claimtag.tag_set_versions (
    study_id    text NOT NULL REFERENCES claimtag.studies(id) ON DELETE CASCADE,
    version_no  integer NOT NULL CHECK (version_no > 0),
    owner       text NOT NULL DEFAULT current_user,
    labels      jsonb NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    version     bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (study_id, version_no)
  );
  CREATE TABLE claimtag.annotations (
    id               text PRIMARY KEY,
    study_id         text NOT NULL REFERENCES claimtag.studies(id) ON DELETE CASCADE,
    document_sha256  text NOT NULL REFERENCES claimtag.documents(sha256),
    owner            text NOT NULL DEFAULT current_user,
    annotator_id     text NOT NULL,
    annotator_name   text NOT NULL,
    is_reference     boolean NOT NULL DEFAULT false,
    label_id         text NOT NULL,
    start_offset     integer NOT NULL CHECK (start_offset >= 0),
    end_offset       integer NOT NULL CHECK (end_offset > start_offset),
    quote            text NOT NULL,
    prefix           text NOT NULL DEFAULT '',
    suffix           text NOT NULL DEFAULT '',
    note             text NOT NULL DEFAULT '',
    attribution      text NOT NULL DEFAULT '',
    confidence       text CHECK (confidence IN ('low', 'medium', 'high')),
    created_at       text NOT NULL,
    updated_at       text NOT NULL,
    deleted_at       text,
    revision         bigint NOT NULL CHECK (revision > 0),
    version          bigint NOT NULL DEFAULT 0
  );
  CREATE INDEX annotations_changed ON claimtag.annotations (study_id, version);
  CREATE TABLE claimtag.relations (
    id               text PRIMARY KEY,
    study_id         text NOT NULL REFERENCES claimtag.studies(id) ON DELETE CASCADE,
    document_sha256  text NOT NULL REFERENCES claimtag.documents(sha256),
    owner            text NOT NULL DEFAULT current_user,
    from_id          text NOT NULL,
    to_id            text NOT NULL,
    kind             text NOT NULL,
    deleted_at       text,
    revision         bigint NOT NULL CHECK (revision > 0),
    version          bigint NOT NULL DEFAULT 0
  );
  CREATE INDEX relations_changed ON claimtag.relations (study_id, version);
  CREATE TABLE claimtag.decisions (
    id               text PRIMARY KEY,
    study_id         text NOT NULL REFERENCES claimtag.studies(id) ON DELETE CASCADE,
    document_sha256  text NOT NULL REFERENCES claimtag.documents(sha256),
    owner            text NOT NULL DEFAULT current_user,
    body             jsonb NOT NULL,
    revision         bigint NOT NULL CHECK (revision > 0),
    version          bigint NOT NULL DEFAULT 0
  );
  CREATE INDEX decisions_changed ON claimtag.decisions (study_id, version);

  -- Policies ask these with the caller's current_user; they run as the schema's owner so the
  -- members table's own policy does not recurse.
  CREATE FUNCTION claimtag.is_member(study text, who text) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog
    AS $f$ SELECT EXISTS (SELECT 1 FROM claimtag.members m WHERE m.study_id = study AND m.role_name = who) $f$;
  CREATE FUNCTION claimtag.is_adjudicator(study text, who text) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog
    AS $f$ SELECT EXISTS (SELECT 1 FROM claimtag.members m WHERE m.study_id = study AND m.role_name = who AND m.is_adjudicator) $f$;
  -- For policies as a subquery, study_id IN (SELECT claimtag.my_studies(current_user)): asked
  -- once per statement (a hashed subplan) instead of once per row.
  CREATE FUNCTION claimtag.my_studies(who text) RETURNS SETOF text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog
    AS $f$ SELECT m.study_id FROM claimtag.members m WHERE m.role_name = who $f$;
  CREATE FUNCTION claimtag.annotator_of(study text, who text) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog
    AS $f$ SELECT m.annotator_id FROM claimtag.members m WHERE m.study_id = study AND m.role_name = who $f$;
  REVOKE ALL ON FUNCTION claimtag.is_member(text, text), claimtag.is_adjudicator(text, text), claimtag.annotator_of(text, text), claimtag.my_studies(text) FROM PUBLIC;
  GRANT EXECUTE ON FUNCTION claimtag.is_member(text, text), claimtag.is_adjudicator(text, text), claimtag.annotator_of(text, text), claimtag.my_studies(text) TO ${MEMBER_GROUP};

  CREATE FUNCTION claimtag.stamp_version() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog AS $f$
  BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('claimtag:' || NEW.study_id));
    NEW.version := nextval('claimtag.change_version');
    RETURN NEW;
  END $f$;
  CREATE TRIGGER stamp_version BEFORE INSERT OR UPDATE ON claimtag.annotations FOR EACH ROW EXECUTE FUNCTION claimtag.stamp_version();
  CREATE TRIGGER stamp_version BEFORE INSERT OR UPDATE ON claimtag.relations FOR EACH ROW EXECUTE FUNCTION claimtag.stamp_version();
  CREATE TRIGGER stamp_version BEFORE INSERT OR UPDATE ON claimtag.decisions FOR EACH ROW EXECUTE FUNCTION claimtag.stamp_version();
  CREATE TRIGGER stamp_version BEFORE INSERT OR UPDATE ON claimtag.tag_set_versions FOR EACH ROW EXECUTE FUNCTION claimtag.stamp_version();

  ALTER TABLE claimtag.studies ENABLE ROW LEVEL SECURITY;
  ALTER TABLE claimtag.members ENABLE ROW LEVEL SECURITY;
  ALTER TABLE claimtag.documents ENABLE ROW LEVEL SECURITY;
  ALTER TABLE claimtag.study_documents ENABLE ROW LEVEL SECURITY;
  ALTER TABLE claimtag.tag_set_versions ENABLE ROW LEVEL SECURITY;
  ALTER TABLE claimtag.annotations ENABLE ROW LEVEL SECURITY;
  ALTER TABLE claimtag.relations ENABLE ROW LEVEL SECURITY;
  ALTER TABLE claimtag.decisions ENABLE ROW LEVEL SECURITY;

  CREATE POLICY read_own_studies ON claimtag.studies FOR SELECT USING (claimtag.is_member(id, current_user));
  CREATE POLICY read_study_members ON claimtag.members FOR SELECT USING (claimtag.is_member(study_id, current_user));
  -- A member links their library's annotator id once; after that it is fixed (their rows carry it).
  CREATE POLICY claim_own_membership ON claimtag.members FOR UPDATE USING (role_name = current_user AND annotator_id IS NULL) WITH CHECK (role_name = current_user);
  CREATE POLICY read_study_documents ON claimtag.documents FOR SELECT USING (
    uploaded_by = current_user OR EXISTS (SELECT 1 FROM claimtag.study_documents sd WHERE sd.document_sha256 = sha256 AND claimtag.is_member(sd.study_id, current_user)));
  CREATE POLICY upload_documents ON claimtag.documents FOR INSERT WITH CHECK (uploaded_by = current_user);
  CREATE POLICY read_study_document_list ON claimtag.study_documents FOR SELECT USING (claimtag.is_member(study_id, current_user));
  CREATE POLICY add_study_documents ON claimtag.study_documents FOR INSERT WITH CHECK (added_by = current_user AND claimtag.is_member(study_id, current_user));
  CREATE POLICY read_tag_sets ON claimtag.tag_set_versions FOR SELECT USING (claimtag.is_member(study_id, current_user));
  CREATE POLICY lead_publishes_tag_sets ON claimtag.tag_set_versions FOR INSERT WITH CHECK (owner = current_user AND claimtag.is_adjudicator(study_id, current_user));

  CREATE POLICY read_study_annotations ON claimtag.annotations FOR SELECT USING (study_id IN (SELECT claimtag.my_studies(current_user)));
  CREATE POLICY write_own_annotations ON claimtag.annotations FOR INSERT WITH CHECK (
    owner = current_user AND study_id IN (SELECT claimtag.my_studies(current_user))
    AND CASE WHEN is_reference THEN claimtag.is_adjudicator(study_id, current_user) ELSE annotator_id = claimtag.annotator_of(study_id, current_user) END);
  CREATE POLICY change_own_annotations ON claimtag.annotations FOR UPDATE USING (owner = current_user) WITH CHECK (
    owner = current_user AND study_id IN (SELECT claimtag.my_studies(current_user))
    AND CASE WHEN is_reference THEN claimtag.is_adjudicator(study_id, current_user) ELSE annotator_id = claimtag.annotator_of(study_id, current_user) END);
  CREATE POLICY delete_own_annotations ON claimtag.annotations FOR DELETE USING (owner = current_user);

  CREATE POLICY read_study_relations ON claimtag.relations FOR SELECT USING (claimtag.is_member(study_id, current_user));
  CREATE POLICY write_own_relations ON claimtag.relations FOR INSERT WITH CHECK (owner = current_user AND claimtag.is_member(study_id, current_user));
  CREATE POLICY change_own_relations ON claimtag.relations FOR UPDATE USING (owner = current_user) WITH CHECK (owner = current_user AND claimtag.is_member(study_id, current_user));
  CREATE POLICY delete_own_relations ON claimtag.relations FOR DELETE USING (owner = current_user);

  CREATE POLICY read_study_decisions ON claimtag.decisions FOR SELECT USING (claimtag.is_member(study_id, current_user));
  CREATE POLICY adjudicator_decides ON claimtag.decisions FOR INSERT WITH CHECK (owner = current_user AND claimtag.is_adjudicator(study_id, current_user));
  CREATE POLICY adjudicator_revises ON claimtag.decisions FOR UPDATE USING (owner = current_user) WITH CHECK (owner = current_user AND claimtag.is_adjudicator(study_id, current_user));
  CREATE POLICY adjudicator_withdraws ON claimtag.decisions FOR DELETE USING (owner = current_user);

  GRANT SELECT ON claimtag.studies TO ${MEMBER_GROUP};
  GRANT SELECT, UPDATE (annotator_id) ON claimtag.members TO ${MEMBER_GROUP};
  GRANT SELECT, INSERT ON claimtag.documents, claimtag.study_documents, claimtag.tag_set_versions TO ${MEMBER_GROUP};
  GRANT SELECT, INSERT, UPDATE, DELETE ON claimtag.annotations, claimtag.relations, claimtag.decisions TO ${MEMBER_GROUP};
  `,
];

export const SERVER_SCHEMA_VERSION = SERVER_STEPS.length;
