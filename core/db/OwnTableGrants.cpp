#include "core/db/OwnTableGrants.h"

namespace {

// The grants, when table is there and the roles were installed on this database.
QString block(const char *table, const char *grants)
{
    return QStringLiteral("DO $$\nBEGIN\n"
                          "  IF to_regclass('xpadmin.%1') IS NOT NULL AND EXISTS (SELECT 1 FROM pg_roles g WHERE "
                          "g.rolname = 'xpadmin_auditor' AND has_table_privilege(g.oid, 'xpadmin.audit_event', "
                          "'SELECT')) THEN\n"
                          "%2"
                          "  END IF;\n"
                          "END\n$$")
        .arg(QLatin1String(table), QLatin1String(grants));
}

} // namespace

namespace OwnTableGrants {

QStringList statements(int afterVersion)
{
    QStringList sql;
    // Maker-checker (version 4): support files pending adjustments, admin decides them. The
    // approval threshold lives in xpadmin.meta, which only the owner may change.
    if (afterVersion < 4)
        sql << block("pending_adjustment",
                     "    GRANT SELECT ON TABLE xpadmin.pending_adjustment TO xpadmin_auditor;\n"
                     "    GRANT INSERT ON TABLE xpadmin.pending_adjustment TO xpadmin_support;\n"
                     "    GRANT UPDATE (state, decided_by, decided_operator, decided_at, decision_reason, xp_id) ON "
                     "TABLE xpadmin.pending_adjustment TO xpadmin_admin;\n");
    // Reason codes (version 5): every role reads them; support records a manual change's code and
    // ticket; admin keeps the codes (never deletes one) and the ticket link pattern.
    if (afterVersion < 5)
        sql << block("reason_code",
                     "    GRANT SELECT ON TABLE xpadmin.reason_code, xpadmin.reason_setting, xpadmin.xp_reason TO "
                     "xpadmin_auditor;\n"
                     "    GRANT INSERT ON TABLE xpadmin.xp_reason TO xpadmin_support;\n"
                     "    GRANT INSERT ON TABLE xpadmin.reason_code TO xpadmin_admin;\n"
                     "    GRANT UPDATE (label, ticket_required, retired_at) ON TABLE xpadmin.reason_code TO "
                     "xpadmin_admin;\n"
                     "    GRANT INSERT, UPDATE, DELETE ON TABLE xpadmin.reason_setting TO xpadmin_admin;\n");
    // Closed periods (version 6): every role reads them, admin closes and reopens.
    if (afterVersion < 6)
        sql << block("period",
                     "    GRANT SELECT ON TABLE xpadmin.period, xpadmin.period_total TO xpadmin_auditor;\n"
                     "    GRANT INSERT ON TABLE xpadmin.period, xpadmin.period_total TO xpadmin_admin;\n");
    // Limits (version 7): every role reads them, admin sets them.
    if (afterVersion < 7)
        sql << block("adjust_limit",
                     "    GRANT SELECT ON TABLE xpadmin.adjust_limit TO xpadmin_auditor;\n"
                     "    GRANT INSERT, UPDATE, DELETE ON TABLE xpadmin.adjust_limit TO xpadmin_admin;\n");
    return sql;
}

} // namespace OwnTableGrants
