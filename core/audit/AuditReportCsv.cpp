#include "core/audit/AuditReportCsv.h"

#include "core/csv/CsvWriter.h"
#include "core/domain/Timestamp.h"

#include <QSaveFile>

namespace {

QString isoOrEmpty(const QDateTime &time)
{
    return time.isValid() ? Timestamp::toIso(time) : QString();
}

} // namespace

AuditReportCsv::AuditReportCsv(QString fileName, CsvFormat format) : m_fileName(std::move(fileName)), m_format(format)
{ }

AuditReportCsv::~AuditReportCsv()
{
    discard();
}

QStringList AuditReportCsv::columns()
{
    // Names, not prose: the same in every language, like the audit table's columns.
    return {QStringLiteral("seq"),         QStringLiteral("at_utc"),       QStringLiteral("actor"),
            QStringLiteral("operator"),    QStringLiteral("action"),       QStringLiteral("xp_id"),
            QStringLiteral("amount"),      QStringLiteral("reason"),       QStringLiteral("hash"),
            QStringLiteral("reason_code"), QStringLiteral("reason_label"), QStringLiteral("ticket"),
            QStringLiteral("ticket_link")};
}

Error AuditReportCsv::writeError() const
{
    return Error::input(tr("Cannot write %1: %2").arg(m_fileName, m_file ? m_file->errorString() : QString()));
}

Status AuditReportCsv::begin(const AuditReportHeader &header)
{
    discard();
    m_reasons = header.request.reasons;
    m_file = std::make_unique<QSaveFile>(m_fileName);
    if (!m_file->open(QIODevice::WriteOnly))
        return writeError();
    m_csv = std::make_unique<CsvWriter>(m_file.get(), m_format);
    const AuditReportRequest &r = header.request;
    const QList<QVariantList> rows{
        {QStringLiteral("report"), QStringLiteral("XP Admin audit report")},
        {QStringLiteral("user"), r.userId},
        {QStringLiteral("since"), isoOrEmpty(r.since)},
        {QStringLiteral("until"), isoOrEmpty(r.until)},
        {QStringLiteral("database"), header.database},
        {QStringLiteral("generated_at"), Timestamp::toIso(header.generatedAt)},
        {QStringLiteral("generated_by"), header.generatedBy},
        {QStringLiteral("chain_head_seq"), header.headSeq},
        {QStringLiteral("chain_head_hash"), header.headHash},
        {QStringLiteral("events"), header.count},
        {},
    };
    QList<QVariantList> closure;
    if (const auto &closed = header.closure)
        closure = {{QStringLiteral("closed_until"), closed->day},
                   {QStringLiteral("closed_by"), closed->closedBy},
                   {QStringLiteral("closed_at"), Timestamp::toIso(closed->closedAt)},
                   {QStringLiteral("close_event_seq"), closed->eventSeq},
                   {QStringLiteral("close_event_hash"), closed->eventHash},
                   {QStringLiteral("user_total_at_close"), closed->totalAtClose},
                   {QStringLiteral("user_total_now"), closed->totalNow},
                   {QStringLiteral("figures_hold"), closed->holds() ? QStringLiteral("yes") : QStringLiteral("no")}};
    for (const QVariantList &row : rows.first(rows.size() - 1) + closure + rows.mid(rows.size() - 1)) {
        if (!m_csv->writeRow(row))
            return writeError();
    }
    if (!m_csv->writeHeader(columns()))
        return writeError();
    return {};
}

Status AuditReportCsv::add(const AuditEvent &event)
{
    const auto [code, ticket] = ReasonCatalog::fromSnapshot(event.snapshot);
    const QVariantList cells{QVariant(event.seq),
                             Timestamp::toIso(event.at),
                             event.actor,
                             event.operatorName,
                             event.action,
                             event.xpId,
                             event.amount ? QVariant(*event.amount) : QVariant(QString()),
                             event.reason,
                             event.hash,
                             code,
                             code.isEmpty() ? QString() : m_reasons.label(code),
                             ticket,
                             m_reasons.ticketLink(ticket)};
    if (!m_csv->writeRow(cells))
        return writeError();
    return {};
}

Status AuditReportCsv::finish()
{
    if (!m_file || !m_file->commit())
        return Error::input(
            tr("Cannot save %1: %2; no file was written.").arg(m_fileName, m_file ? m_file->errorString() : QString()));
    m_csv.reset();
    m_file.reset();
    return {};
}

void AuditReportCsv::discard()
{
    m_csv.reset();
    if (m_file)
        m_file->cancelWriting();
    m_file.reset();
}
