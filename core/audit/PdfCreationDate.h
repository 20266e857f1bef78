#pragma once

#include <QByteArray>
#include <QDateTime>

// QPdfWriter stamps a PDF with the moment it was written (/CreationDate) and offers no way to set
// it. A report that must be the same whenever it is made (a closed period's) gets a stamp of its
// own: the date is replaced and the cross-reference table's offsets after it are moved to match.
namespace PdfCreationDate {

// pdf with its /CreationDate set to utc ("D:20261201091400Z"); unchanged when it has none.
QByteArray fixed(const QByteArray &pdf, const QDateTime &utc);

} // namespace PdfCreationDate
