#pragma once

#include "core/csv/CsvFormat.h"
#include "core/domain/Result.h"
#include "core/domain/XpEnums.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class CliOutput;

// The options of one command ("award", "user add"), parsed with QCommandLineParser, with the
// command's own --help and usage errors that name the option and the value.
class CommandParser final
{
    Q_DECLARE_TR_FUNCTIONS(CommandParser)

public:
    CommandParser(QString command, QString synopsis, QString description);

    // valueName empty: a flag without a value.
    void addOption(const QString &name, const QString &valueName, const QString &description);
    // --json after the command too (it is a global option): parse() then makes out print JSON.
    void addJsonOption(const QString &description);
    enum class Need { Required, Optional };
    // --reason TEXT, the why that the audit log keeps: required, or optional (an approval's).
    void addReasonOption(Need need = Need::Required);
    // Its text, at most Validation::MaxReasonLength: given and not blank unless optional.
    Result<QString> reason() const;

    // Parses the arguments after the command name. Returns the exit status when the command
    // must stop here: 0 after printing --help, 2 after a usage error (printed on stderr).
    std::optional<int> parse(const QStringList &arguments, CliOutput &out);

    // Accepts at most this many arguments that are not options (default none), e.g. a FILE.
    void setMaxPositional(int count) { m_maxPositional = count; }
    QStringList positional() const { return m_parser.positionalArguments(); }
    bool isSet(const QString &name) const { return m_parser.isSet(name); }
    QString value(const QString &name) const { return m_parser.value(name); }
    QStringList values(const QString &name) const { return m_parser.values(name); }

    // The value of an option that must be given (it may still be empty: validation says so).
    Result<QString> required(const QString &name) const;
    // A whole number in [min, max], or fallback when the option is not given.
    Result<qint64> integer(const QString &name, qint64 fallback, qint64 min, qint64 max) const;
    // Required, non-blank text of at most maxLength characters.
    Result<QString> text(const QString &name, int maxLength) const;
    // Optional text (empty when not given) of at most maxLength characters.
    Result<QString> optionalText(const QString &name, int maxLength) const;
    // A non-zero 32-bit amount (required).
    Result<qint32> amount(const QString &name) const;
    Result<SourceType> sourceType(const QString &name) const;
    Result<std::optional<SourceType>> optionalSourceType(const QString &name) const;
    // A category; fallback when the option is not given, required when there is no fallback.
    Result<Category> category(const QString &name, std::optional<Category> fallback = std::nullopt) const;
    Result<std::optional<Category>> optionalCategory(const QString &name) const;
    // A date or date-time typed by a person, as UTC; invalid when the option is not given.
    // endOfDay: a bare date means the end of that day (for --until).
    Result<QDateTime> date(const QString &name, bool endOfDay) const;
    // A moment (--as-of): a date-time as given, a date alone the last millisecond of that day.
    Result<QDateTime> moment(const QString &name) const;
    // --separator and --bom, for a command that writes CSV.
    void addCsvFormatOptions();
    // The format they ask for: comma and no byte order mark unless given.
    Result<CsvFormat> csvFormat() const;
    // A usage error that points to this command's --help.
    Error usageError(const QString &reason) const;

    QString helpText() const;

private:
    int m_maxPositional = 0;
    bool m_jsonOption = false;
    Need m_reasonNeed = Need::Required;
    struct OptionHelp
    {
        QString name;
        QString valueName;
        QString description;
    };

    QString m_command;
    QString m_synopsis;
    QString m_description;
    QList<OptionHelp> m_help;
    QCommandLineParser m_parser;
};
