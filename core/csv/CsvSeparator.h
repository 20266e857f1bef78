#pragma once

#include <QByteArrayView>
#include <QCoreApplication>
#include <QLocale>
#include <QString>
#include <QStringList>

#include <optional>

// The character between the fields of a CSV file: the comma of RFC 4180, the semicolon that
// Excel writes where the decimal separator is a comma (German, French), or a tab.
class CsvSeparator final
{
    Q_DECLARE_TR_FUNCTIONS(CsvSeparator)

public:
    static constexpr char Comma = ',';
    static constexpr char Semicolon = ';';
    static constexpr char Tab = '\t';

    // The separator of a file that starts with head (after any byte order mark), read from its
    // first line that is not blank, counting only outside quotes. A line with more than one
    // kind is decided by the split that yields more of expectedColumns (compared ignoring case),
    // then for a comma or semicolon over a tab, then by the larger count; a line with none (one
    // column) is comma-separated.
    static char detect(QByteArrayView head, const QStringList &expectedColumns = {});
    // What a spreadsheet in this locale reads without asking: a semicolon where the decimal
    // separator is a comma, else a comma.
    static char forLocale(const QLocale &locale);
    // "comma", "semicolon", "tab", in the user's language.
    static QString name(char separator);
    // The name for JSON and scripts: "comma", "semicolon", "tab".
    static QString key(char separator);
    // ",", ";", "tab" (or "comma", "semicolon", "\t"); nothing for anything else.
    static std::optional<char> parse(const QString &text);
};
