#pragma once

#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QStringList>

class CliContext;
class Database;
struct AuditEvent;
struct VerifyReport;

// `verify [--repair] [--anchor FILE] [--strict]`: the audit log's hash chain, every user's cached
// total, and every row held against the log's last snapshot of it; exit status 1 when any is
// wrong. Rows the log never saw are reported as not provable (a problem only with --strict).
// --repair first sets drifted totals from the sum (audited); it never changes a row.
// --anchor also checks the event an earlier `audit anchor` recorded, so a removed tail is found.
// On PostgreSQL with capture installed, the changes it recorded are sealed first (when the role
// may), and a drifted total last written directly in the database is named with who did it.
class VerifyCommand final
{
    Q_DECLARE_TR_FUNCTIONS(VerifyCommand)

public:
    explicit VerifyCommand(CliContext &context) : m_context(context) { }

    int run(const QStringList &arguments);

private:
    // The rows' part of the report: a summary line, each difference, and what to do.
    static void addRowLines(QList<QStringList> &rows, const VerifyReport &report, bool strict);
    // "set directly in the database by app_user (psql), on the database server, at ...: 100 -> 500"
    static QString directChangeText(const AuditEvent &event);
    // PostgreSQL with capture: seals the records waiting, on the primary, when the role may.
    static Status sealCaptured(Database &primary, QList<QStringList> &rows, QJsonObject &json);

    CliContext &m_context;
};
