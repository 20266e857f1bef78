#pragma once

#include "core/audit/AuditEvent.h"
#include "core/domain/ReasonCatalog.h"
#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <functional>
#include <optional>

class Database;

// The closed period a report's whole range lies in (core/periods' PeriodReport finds it). The
// report then says so, checks the user's figures against the close, and is the same byte for byte
// whenever it is made: it names the close instead of when and by whom it was generated and the
// log's newest event.
struct AuditReportClosure
{
    QString day; // closed up to, "2026-11-30"
    QString closedBy;
    QDateTime closedAt; // UTC
    qint64 eventSeq = 0; // the close's audit event
    QString eventHash;
    qint64 totalAtClose = 0; // the user's total the close kept (0: the user had no rows then)
    qint64 totalNow = 0; // the user's rows up to the boundary, summed now

    bool holds() const { return totalAtClose == totalNow; }
};

// Which events an audit report covers: one user's, in a period.
struct AuditReportRequest
{
    QString userId;
    QDateTime since; // inclusive, UTC; invalid: from the first event
    QDateTime until; // exclusive, UTC; invalid: up to the newest event
    ReasonCatalog reasons{}; // to name manual changes' reason codes by label and link their tickets
};

// What the top of a report says, so that a filed copy stands on its own.
struct AuditReportHeader
{
    AuditReportRequest request;
    QString database; // never a password
    QDateTime generatedAt; // UTC
    QString generatedBy; // the database login or operating-system user
    qint64 headSeq = 0; // the newest event of the whole log when the report was made
    QString headHash; // its hash: compare with `xpadmin-cli audit anchor` or a later report
    qint64 count = 0; // events in the report
    std::optional<AuditReportClosure> closure; // the range is in a closed period
};

// Receives a report as it is read: the header, then each event oldest first. A writer starts
// afresh on every begin() (the read may be tried again after a lost connection), and its file
// appears only when finish() succeeds.
class AuditReportWriter
{
public:
    virtual ~AuditReportWriter() = default;
    virtual Status begin(const AuditReportHeader &header) = 0;
    virtual Status add(const AuditEvent &event) = 0;
    virtual Status finish() = 0;
    // After a failure or a cancel: nothing is left behind.
    virtual void discard() = 0;
};

// Reads one user's audit events for a period, a page at a time in one consistent snapshot
// (keyset on seq over the (user_id, seq) index), so a report of millions of events needs no
// more memory than one of ten. Runs on a worker thread.
class AuditReport final
{
    Q_DECLARE_TR_FUNCTIONS(AuditReport)

public:
    // progress(written, total) after every page; returning false cancels.
    using Progress = std::function<bool(qint64, qint64)>;
    static constexpr int DefaultPageSize = 2000;

    explicit AuditReport(Database &db) : m_db(db) { }

    // The range is in this closed period (PeriodReport::closureFor): the header says so.
    void setClosure(std::optional<AuditReportClosure> closure) { m_closure = std::move(closure); }
    // Returns the number of events written.
    Result<qint64> write(const AuditReportRequest &request, AuditReportWriter &writer, const Progress &progress = {},
                         int pageSize = DefaultPageSize);

private:
    Database &m_db;
    std::optional<AuditReportClosure> m_closure;
};
