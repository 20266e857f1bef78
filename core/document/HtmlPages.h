#pragma once

#include "core/domain/Result.h"

#include <QString>

class QPagedPaintDevice;

// A document written as HTML (statements, the controls report), laid out by QTextDocument on the
// device's whole printable width, a page at a time, numbered at the foot; or written as an A4
// PDF that appears only when complete.
namespace HtmlPages {

void print(const QString &html, QPagedPaintDevice *device);
Status writePdf(const QString &html, const QString &fileName, const QString &title);

} // namespace HtmlPages
