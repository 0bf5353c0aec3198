import { Migration } from '@mikro-orm/migrations';

export class Migration20261126233445 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "housing_warning_tenancy_id_issued_on_index" on "housing"."housing_warning" ("tenancy_id", "issued_on");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "housing"."housing_warning_tenancy_id_issued_on_index";`);
  }

}
