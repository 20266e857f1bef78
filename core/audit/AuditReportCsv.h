#pragma once

#include "core/audit/AuditReport.h"
#include "core/csv/CsvFormat.h"

#include <memory>

#include <QCoreApplication>

class CsvWriter;
class QSaveFile;

// An audit report as CSV (UTF-8, CRLF, formula cells neutralised by CsvWriter): first the
// header as "name,value" rows (report, user, since, until, database, generated_at,
// generated_by, chain_head_seq, chain_head_hash, events), an empty row, then one row per event
// under the column names seq, at_utc, actor, operator, action, xp_id, amount, reason, hash.
class AuditReportCsv final : public AuditReportWriter
{
    Q_DECLARE_TR_FUNCTIONS(AuditReportCsv)

public:
    explicit AuditReportCsv(QString fileName, CsvFormat format = {});
    ~AuditReportCsv() override;

    static QStringList columns();

    Status begin(const AuditReportHeader &header) override;
    Status add(const AuditEvent &event) override;
    Status finish() override;
    void discard() override;

private:
    Error writeError() const;

    QString m_fileName;
    CsvFormat m_format;
    std::unique_ptr<QSaveFile> m_file;
    std::unique_ptr<CsvWriter> m_csv;
    ReasonCatalog m_reasons;
};
