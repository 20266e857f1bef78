#include "core/import/ImportFile.h"

#include "core/domain/Sha256.h"
#include "core/domain/Validation.h"
#include "core/reasons/ReasonCheck.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>

#include <algorithm>

namespace {

QString lineField(qint64 line, const QString &column)
{
    return QCoreApplication::translate("ImportFile", "line %1: %2").arg(line).arg(column);
}

// Runs check(field) with the column's bare name, and only when it fails again with the field
// named "line N: column" for its message: a million good rows make no million messages' words.
template<typename Check>
auto checkField(qint64 line, const QString &column, Check check)
{
    auto result = check(column);
    return result ? result : check(lineField(line, column));
}

// A whole number for a legacy total: zero allowed, within the 32-bit "totalXP" column.
Result<qint64> legacyTotal(const QString &field, const QString &text)
{
    if (text.trimmed() == QLatin1String("0"))
        return qint64(0);
    auto value = Validation::amount(field, text);
    if (!value)
        return value.error();
    return qint64(*value);
}

// Reads one row into entry; the first problem of the row, if any.
Status readRow(ImportKind kind, const CsvTable &table, const CsvRecord &record, ImportEntry &entry)
{
    const qint64 line = record.line;
    entry.line = line;
    entry.userId = table.value(record, u"userId");
    if (const Status s = checkField(line, QStringLiteral("userId"),
                                    [&](const QString &field) {
                                        return Validation::requiredText(field, entry.userId, Validation::MaxIdLength);
                                    });
        !s)
        return s;
    if (kind == ImportKind::Legacy) {
        const QString totalText = table.value(record, u"totalXP");
        auto total = checkField(line, QStringLiteral("totalXP"),
                                [&](const QString &field) { return legacyTotal(field, totalText); });
        if (!total)
            return total.error();
        entry.amount = *total;
        entry.email = table.value(record, u"email");
        entry.name = table.value(record, u"name");
        if (!entry.email.isEmpty()) {
            if (const Status s
                = checkField(line, QStringLiteral("email"),
                             [&](const QString &field) { return Validation::email(field, entry.email); });
                !s)
                return s;
        }
        return checkField(line, QStringLiteral("name"), [&](const QString &field) {
            return Validation::optionalText(field, entry.name, Validation::MaxNameLength);
        });
    }
    const QString amountText = table.value(record, u"amount");
    auto amount = checkField(line, QStringLiteral("amount"),
                             [&](const QString &field) { return Validation::amount(field, amountText); });
    if (!amount)
        return amount.error();
    entry.amount = *amount;
    entry.reason = table.value(record, u"reason");
    if (const Status s = checkField(line, QStringLiteral("reason"),
                                    [&](const QString &field) {
                                        return Validation::requiredText(field, entry.reason,
                                                                        Validation::MaxReasonLength);
                                    });
        !s)
        return s;
    if (const QString text = table.value(record, u"category"); !text.isEmpty()) {
        auto category = checkField(line, QStringLiteral("category"),
                                   [&](const QString &field) { return Validation::category(field, text); });
        if (!category)
            return category.error();
        entry.category = *category;
    }
    if (const QString text = table.value(record, u"sourceType"); !text.isEmpty()) {
        auto sourceType = checkField(line, QStringLiteral("sourceType"),
                                     [&](const QString &field) { return Validation::sourceType(field, text); });
        if (!sourceType)
            return sourceType.error();
        entry.sourceType = *sourceType;
    }
    entry.sourceId = table.value(record, u"sourceId");
    if (const Status s = checkField(line, QStringLiteral("sourceId"),
                                    [&](const QString &field) {
                                        return Validation::optionalText(field, entry.sourceId, Validation::MaxIdLength);
                                    });
        !s)
        return s;
    if (const QString text = table.value(record, u"reasonCode"); !text.trimmed().isEmpty()) {
        auto code = checkField(line, QStringLiteral("reasonCode"),
                               [&](const QString &field) { return ReasonCheck::code(field, text); });
        if (!code)
            return code.error();
        entry.reasonTag.code = *code;
    }
    const QString ticketText = table.value(record, u"ticket");
    auto ticket = checkField(line, QStringLiteral("ticket"),
                             [&](const QString &field) { return ReasonCheck::ticket(field, ticketText); });
    if (!ticket)
        return ticket.error();
    entry.reasonTag.ticket = *ticket;
    entry.description = table.value(record, u"description");
    if (entry.description.isEmpty())
        entry.description = entry.reason;
    return checkField(line, QStringLiteral("description"), [&](const QString &field) {
        return Validation::optionalText(field, entry.description, Validation::MaxDescriptionLength);
    });
}

} // namespace

QStringList ImportFile::requiredColumns(ImportKind kind)
{
    if (kind == ImportKind::Adjust)
        return {QStringLiteral("userId"), QStringLiteral("amount"), QStringLiteral("reason")};
    return {QStringLiteral("userId"), QStringLiteral("totalXP")};
}

QStringList ImportFile::optionalColumns(ImportKind kind)
{
    if (kind == ImportKind::Adjust)
        return {QStringLiteral("category"),    QStringLiteral("sourceType"), QStringLiteral("sourceId"),
                QStringLiteral("description"), QStringLiteral("reasonCode"), QStringLiteral("ticket")};
    return {QStringLiteral("email"), QStringLiteral("name")};
}

Status ImportFile::read(ImportKind kind, const QString &path, ImportReport &report, std::vector<ImportEntry> &entries,
                        const Progress &progress)
{
    QFile file(path);
    if (QFileInfo(path).isDir())
        return Error::input(tr("%1 is a folder, not a CSV file").arg(Validation::quoted(path)));
    if (!file.open(QIODevice::ReadOnly))
        return Error::input(tr("Cannot read %1: %2").arg(Validation::quoted(path), file.errorString()));
    report.fileName = QFileInfo(path).fileName();
    return read(kind, file, report, entries, progress);
}

Status ImportFile::read(ImportKind kind, QIODevice &device, ImportReport &report, std::vector<ImportEntry> &entries,
                        const Progress &progress)
{
    const std::optional<QString> sha256 = Sha256::hex(device);
    if (!sha256 || !device.reset())
        return Error::input(tr("Cannot read %1: %2").arg(Validation::quoted(report.fileName), device.errorString()));
    report.sha256 = *sha256;

    CsvReader reader(&device);
    CsvTable table(reader, requiredColumns(kind), optionalColumns(kind));
    QHash<QString, qint64> lineOfUser; // legacy: one total per user
    CsvRecord record;
    while (table.next(record)) {
        ++report.rowsRead;
        if (progress && report.rowsRead % 4096 == 0 && !progress(reader.bytesRead(), reader.totalBytes()))
            return Error::cancelled(tr("Import cancelled; nothing was changed"));
        ImportEntry entry;
        if (const Status s = readRow(kind, table, record, entry); !s) {
            report.addProblem(record.line, s.error().message);
            continue;
        }
        if (kind == ImportKind::Legacy) {
            const auto seen = lineOfUser.constFind(entry.userId);
            if (seen != lineOfUser.constEnd()) {
                report.addProblem(record.line,
                                  tr("line %1: user %2 is already on line %3; a legacy file has one "
                                     "total per user")
                                      .arg(record.line)
                                      .arg(Validation::quoted(entry.userId))
                                      .arg(*seen));
                continue;
            }
            lineOfUser.insert(entry.userId, record.line);
            if (entry.amount == 0)
                ++report.zeroTotals; // kept, to be checked against the database, but never written
        }
        entries.push_back(std::move(entry));
    }
    for (const CsvProblem &problem : table.problems())
        report.addProblem(problem.line, problem.message);
    report.problemCount += table.problemCount() - table.problems().size();
    if (table.failed())
        report.addProblem(table.errorLine(), table.error().message);
    else if (report.rowsRead == 0 && !report.hasProblems())
        report.addProblem(std::max<qint64>(1, table.headerLine()), tr("The file has a header but no rows"));
    std::stable_sort(report.problems.begin(), report.problems.end(),
                     [](const CsvProblem &a, const CsvProblem &b) { return a.line < b.line; });
    report.blankRows = table.blankRowsSkipped();
    report.separator = reader.separator();
    if (progress)
        progress(reader.bytesRead(), reader.totalBytes());
    return {};
}
