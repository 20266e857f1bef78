#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// Reads exported CSV back the way a spreadsheet does, for tests of the exports.
namespace TestCsv {

// RFC 4180 records: fields split on commas outside quotes, records on CRLF outside quotes.
QList<QStringList> parse(const QString &text);

} // namespace TestCsv
