#pragma once

#include "core/domain/Result.h"

#include <QString>

class QPagedPaintDevice;
struct Statement;

// A statement as a document a support person can send to the user: their name, the period, the
// opening and closing balances, every change with the balance after it (removed transactions
// struck through, with who removed them and why), the subtotals, and what the figures rest on.
// No internal ids unless asked for. Laid out by QTextDocument (so it needs QtGui, and lives in
// the library xpstatementdoc), printed to a PDF file or any printer, A4 portrait, pages numbered.
namespace StatementDocument {

struct Options
{
    bool showIds = false; // transaction and user ids, for a colleague rather than the user
    // Times as the reader's locale writes them; amounts with the locale's digit grouping.
    QString locale; // a QLocale name; empty: the system's
};

QString html(const Statement &statement, const Options &options = {});
// Paints the statement on `device` (a QPdfWriter or a QPrinter), a page at a time.
void print(const Statement &statement, QPagedPaintDevice *device, const Options &options = {});
// Writes a PDF; FILE appears only when complete.
Status writePdf(const Statement &statement, const QString &fileName, const Options &options = {});

} // namespace StatementDocument
