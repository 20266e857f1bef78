#include "core/audit/AuditReport.h"

#include "core/audit/AuditLog.h"
#include "core/db/Database.h"
#include "core/domain/Timestamp.h"

#include <QLocale>

namespace {

// The WHERE clause for the request's user and period.
QString conditions(const Dialect &d, const AuditReportRequest &request, Bindings &bindings)
{
    QString where = QStringLiteral("user_id = :user");
    bindings << std::pair{QStringLiteral(":user"), QVariant(request.userId)};
    if (request.since.isValid()) {
        where += QStringLiteral(" AND at >= %1").arg(d.timestampParam(QStringLiteral(":since")));
        bindings << std::pair{QStringLiteral(":since"), QVariant(Timestamp::toSql(request.since))};
    }
    if (request.until.isValid()) {
        where += QStringLiteral(" AND at < %1").arg(d.timestampParam(QStringLiteral(":until")));
        bindings << std::pair{QStringLiteral(":until"), QVariant(Timestamp::toSql(request.until))};
    }
    return where;
}

} // namespace

Result<qint64> AuditReport::write(const AuditReportRequest &request, AuditReportWriter &writer,
                                  const Progress &progress, int pageSize)
{
    if (request.userId.trimmed().isEmpty())
        return Error::input(tr("Name the user the report is for"));
    if (request.since.isValid() && request.until.isValid() && request.until <= request.since)
        return Error::input(tr("The period ends before it starts: --until must be later than --since"));
    const QString table = m_db.dialect().ownTable(QStringLiteral("audit_event"));
    qint64 written = 0;
    bool cancelled = false;
    // The body may run again after a lost connection: the writer starts afresh each time.
    const Status status = m_db.readTransaction([&]() -> Status {
        written = 0;
        AuditReportHeader header;
        header.request = request;
        header.database = m_db.spec().displayName();
        header.generatedAt = Timestamp::now();
        header.generatedBy = m_db.actor();
        header.headHash = AuditLog::genesisHash();
        {
            auto head = m_db.run(QStringLiteral("SELECT seq, hash FROM %1 ORDER BY seq DESC LIMIT 1").arg(table));
            if (!head)
                return head.error();
            if (head->next()) {
                header.headSeq = head->integer(0);
                header.headHash = head->text(1);
            }
        }
        Bindings bindings;
        const QString where = conditions(m_db.dialect(), request, bindings);
        {
            auto count = m_db.run(QStringLiteral("SELECT count(*) FROM %1 WHERE %2").arg(table, where), bindings);
            if (!count)
                return count.error();
            header.count = count->next() ? count->integer(0) : 0;
        }
        header.closure = m_closure;
        if (const auto &closed = m_closure) {
            // What a later change would alter is left out: the report stands as of the close.
            header.generatedAt = closed->closedAt;
            header.generatedBy = closed->closedBy;
            header.headSeq = closed->eventSeq;
            header.headHash = closed->eventHash;
        }
        if (const Status s = writer.begin(header); !s)
            return s;
        if (progress && !progress(0, header.count)) {
            cancelled = true;
            return {};
        }
        const QString sql = QStringLiteral("SELECT %1 FROM %2 WHERE %3 AND seq > :after ORDER BY seq LIMIT :limit")
                                .arg(AuditLog::columns(), table, where);
        qint64 after = 0;
        for (;;) {
            Bindings page = bindings;
            page << std::pair{QStringLiteral(":after"), QVariant(after)}
                 << std::pair{QStringLiteral(":limit"), QVariant(pageSize)};
            auto rows = m_db.run(sql, page);
            if (!rows)
                return rows.error();
            int read = 0;
            while (rows->next()) {
                const AuditEvent event = AuditLog::read(*rows, m_db.dialect());
                if (const Status s = writer.add(event); !s)
                    return s;
                after = event.seq;
                ++read;
                ++written;
            }
            if (progress && !progress(written, std::max(written, header.count))) {
                cancelled = true;
                return {};
            }
            if (read < pageSize)
                return {};
        }
    });
    if (!status) {
        writer.discard();
        return Error{status.error().kind, tr("No report was written. %1").arg(status.error().message)};
    }
    if (cancelled) {
        writer.discard();
        return Error::cancelled(
            tr("Report cancelled after %1 events; no file was written.").arg(QLocale().toString(written)));
    }
    if (const Status s = writer.finish(); !s) {
        writer.discard();
        return s.error();
    }
    return written;
}
