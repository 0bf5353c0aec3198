import { Migration } from '@mikro-orm/migrations';

// Evidence is read per record. (The generator also proposed dropping the hand-written foreign
// keys and the partial unique index of Migration20261126224551, which entities cannot express;
// they stay.)
export class Migration20261126233447 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "evidence_record_id_uploaded_at_index" on "archive"."evidence" ("record_id", "uploaded_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "archive"."evidence_record_id_uploaded_at_index";`);
  }

}
