#include "app/cli/CommandParser.h"

#include "app/cli/CliOutput.h"
#include "app/cli/ExitCode.h"
#include "core/domain/Timestamp.h"
#include "core/domain/Validation.h"

namespace {

const QString HelpName = QStringLiteral("help");
const QString JsonName = QStringLiteral("json");
const QString ReasonName = QStringLiteral("reason");

bool isGlobalOption(const QString &name)
{
    static const QStringList names{QStringLiteral("db"), QStringLiteral("actor"), JsonName, QStringLiteral("version")};
    return names.contains(name);
}

} // namespace

CommandParser::CommandParser(QString command, QString synopsis, QString description)
    : m_command(std::move(command)), m_synopsis(std::move(synopsis)), m_description(std::move(description))
{
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    m_parser.addOption(QCommandLineOption(QStringList{QStringLiteral("h"), HelpName}));
}

void CommandParser::addOption(const QString &name, const QString &valueName, const QString &description)
{
    m_parser.addOption(QCommandLineOption(name, description, valueName));
    m_help << OptionHelp{name, valueName, description};
}

void CommandParser::addJsonOption(const QString &description)
{
    addOption(JsonName, QString(), description);
    m_jsonOption = true;
}

void CommandParser::addReasonOption(Need need)
{
    m_reasonNeed = need;
    addOption(ReasonName, QStringLiteral("TEXT"),
              need == Need::Required ? tr("Why (required; kept in the audit log).")
                                     : tr("Why (optional; kept in the audit log)."));
}

Result<QString> CommandParser::reason() const
{
    return m_reasonNeed == Need::Required ? text(ReasonName, Validation::MaxReasonLength)
                                          : optionalText(ReasonName, Validation::MaxReasonLength);
}

std::optional<int> CommandParser::parse(const QStringList &arguments, CliOutput &out)
{
    if (!m_parser.parse(QStringList{m_command} + arguments)) {
        const QStringList unknown = m_parser.unknownOptionNames();
        if (!unknown.isEmpty() && isGlobalOption(unknown.constFirst()))
            return out.usage(tr("--%1 is a global option: write it before the command, as in "
                                "xpadmin-cli --%1 ... %2")
                                 .arg(unknown.constFirst(), m_command));
        if (!unknown.isEmpty())
            return out.fail(usageError(tr("unknown option --%1").arg(unknown.constFirst())));
        return out.fail(usageError(m_parser.errorText()));
    }
    if (m_parser.isSet(HelpName)) {
        out.write(helpText());
        return ExitCode::Ok;
    }
    if (m_parser.positionalArguments().size() > m_maxPositional)
        return out.fail(usageError(
            tr("unexpected argument %1").arg(Validation::quoted(m_parser.positionalArguments().at(m_maxPositional)))));
    if (m_jsonOption && m_parser.isSet(JsonName))
        out.setJson(true);
    return std::nullopt;
}

void CommandParser::addCsvFormatOptions()
{
    addOption(QStringLiteral("separator"), QStringLiteral("SEP"),
              tr("The CSV separator: \",\" (the default), \";\" (what Excel reads where the decimal separator is a "
                 "comma, as in German or French) or tab."));
    addOption(QStringLiteral("bom"), {},
              tr("Start the CSV file with a UTF-8 byte order mark, so that Excel reads it as UTF-8."));
}

Result<CsvFormat> CommandParser::csvFormat() const
{
    CsvFormat format;
    format.byteOrderMark = m_parser.isSet(QStringLiteral("bom"));
    if (m_parser.isSet(QStringLiteral("separator"))) {
        const QString text = m_parser.value(QStringLiteral("separator"));
        const auto separator = CsvSeparator::parse(text);
        if (!separator)
            return usageError(
                tr("--separator %1 is not a separator: give \",\", \";\" or tab").arg(Validation::quoted(text)));
        format.separator = *separator;
    }
    return format;
}

Error CommandParser::usageError(const QString &reason) const
{
    return Error::input(tr("%1: %2 (see xpadmin-cli %1 --help)").arg(m_command, reason));
}

Result<QString> CommandParser::required(const QString &name) const
{
    if (!m_parser.isSet(name))
        return usageError(tr("--%1 is required").arg(name));
    return m_parser.value(name);
}

Result<qint64> CommandParser::integer(const QString &name, qint64 fallback, qint64 min, qint64 max) const
{
    if (!m_parser.isSet(name))
        return fallback;
    const QString text = m_parser.value(name);
    bool ok = false;
    const qint64 value = text.trimmed().toLongLong(&ok);
    if (!ok)
        return Error::input(tr("--%1 %2 is not a whole number").arg(name, Validation::quoted(text)));
    if (value < min || value > max)
        return Error::input(
            tr("--%1 %2 is out of range: give %3 to %4").arg(name, Validation::quoted(text)).arg(min).arg(max));
    return value;
}

Result<QString> CommandParser::text(const QString &name, int maxLength) const
{
    auto value = required(name);
    if (!value)
        return value;
    if (const Status status = Validation::requiredText(QStringLiteral("--") + name, *value, maxLength); !status)
        return status.error();
    return value;
}

Result<QString> CommandParser::optionalText(const QString &name, int maxLength) const
{
    const QString value = m_parser.value(name);
    if (const Status status = Validation::optionalText(QStringLiteral("--") + name, value, maxLength); !status)
        return status.error();
    return value;
}

Result<qint32> CommandParser::amount(const QString &name) const
{
    auto value = required(name);
    if (!value)
        return value.error();
    return Validation::amount(QStringLiteral("--") + name, *value);
}

Result<SourceType> CommandParser::sourceType(const QString &name) const
{
    auto value = required(name);
    if (!value)
        return value.error();
    return Validation::sourceType(QStringLiteral("--") + name, *value);
}

Result<std::optional<SourceType>> CommandParser::optionalSourceType(const QString &name) const
{
    if (!m_parser.isSet(name))
        return std::optional<SourceType>();
    auto type = Validation::sourceType(QStringLiteral("--") + name, m_parser.value(name));
    if (!type)
        return type.error();
    return std::optional<SourceType>(*type);
}

Result<Category> CommandParser::category(const QString &name, std::optional<Category> fallback) const
{
    if (!m_parser.isSet(name) && fallback)
        return *fallback;
    auto value = required(name);
    if (!value)
        return value.error();
    return Validation::category(QStringLiteral("--") + name, *value);
}

Result<std::optional<Category>> CommandParser::optionalCategory(const QString &name) const
{
    if (!m_parser.isSet(name))
        return std::optional<Category>();
    auto value = Validation::category(QStringLiteral("--") + name, m_parser.value(name));
    if (!value)
        return value.error();
    return std::optional<Category>(*value);
}

Result<QDateTime> CommandParser::date(const QString &name, bool endOfDay) const
{
    if (!m_parser.isSet(name))
        return QDateTime();
    const QString text = m_parser.value(name);
    const QDateTime value = Timestamp::parseUserInput(text, endOfDay);
    if (!value.isValid())
        return Error::input(tr("--%1 %2 is not a date: write it as 2026-11-01, \"2026-11-01 13:00\" or "
                               "2026-11-01T13:00:00Z")
                                .arg(name, Validation::quoted(text)));
    return value;
}

Result<QDateTime> CommandParser::moment(const QString &name) const
{
    auto start = date(name, false);
    if (!start || !start->isValid())
        return start;
    const QDateTime end = Timestamp::parseUserInput(m_parser.value(name), true);
    return end == *start ? end : end.addMSecs(-1);
}

QString CommandParser::helpText() const
{
    QString text = tr("Usage: xpadmin-cli [global options] %1 %2").arg(m_command, m_synopsis).trimmed()
        + QStringLiteral("\n\n") + m_description + QStringLiteral("\n\n") + tr("Options:") + QLatin1Char('\n');
    QList<std::pair<QString, QString>> rows;
    for (const OptionHelp &option : m_help) {
        QString left = QStringLiteral("--") + option.name;
        if (!option.valueName.isEmpty())
            left += QLatin1Char(' ') + option.valueName;
        rows << std::pair{left, option.description};
    }
    rows << std::pair{QStringLiteral("-h, --help"), tr("Show this help and exit.")};
    qsizetype width = 0;
    for (const auto &row : std::as_const(rows))
        width = std::max(width, row.first.size());
    for (const auto &[left, description] : std::as_const(rows))
        text += QStringLiteral("  ") + left.leftJustified(width + 2) + description + QLatin1Char('\n');
    return text;
}
