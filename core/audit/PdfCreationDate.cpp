#include "core/audit/PdfCreationDate.h"

#include <QRegularExpression>

namespace PdfCreationDate {

QByteArray fixed(const QByteArray &pdf, const QDateTime &utc)
{
    static const QByteArray key("/CreationDate (");
    const qsizetype start = pdf.indexOf(key);
    if (start < 0)
        return pdf;
    const qsizetype from = start + key.size();
    const qsizetype to = pdf.indexOf(')', from);
    if (to < 0)
        return pdf;
    const QByteArray stamp = "D:" + utc.toUTC().toString(QStringLiteral("yyyyMMddHHmmss")).toLatin1() + 'Z';
    const qsizetype shift = stamp.size() - (to - from);
    QByteArray out = pdf.left(from) + stamp + pdf.mid(to);
    if (shift == 0)
        return out;
    // Every object after the stamp moved by shift bytes: so do their entries ("0000012345 00000 n ")
    // and the table's own offset after startxref.
    const qsizetype xref = out.lastIndexOf("\nxref\n");
    const qsizetype startxref = out.lastIndexOf("startxref\n");
    if (xref < 0 || startxref < xref)
        return pdf;
    static const QRegularExpression entry(QStringLiteral("(\\d{10}) (\\d{5}) n"));
    QString table = QString::fromLatin1(out.mid(xref, startxref - xref));
    QString moved;
    qsizetype last = 0;
    for (auto it = entry.globalMatch(table); it.hasNext();) {
        const auto match = it.next();
        const qint64 offset = match.captured(1).toLongLong();
        moved += table.mid(last, match.capturedStart(1) - last)
            + QStringLiteral("%1").arg(offset > start ? offset + shift : offset, 10, 10, QLatin1Char('0'));
        last = match.capturedEnd(1);
    }
    moved += table.mid(last);
    const qsizetype number = startxref + qsizetype(sizeof("startxref\n") - 1);
    const qsizetype numberEnd = out.indexOf('\n', number);
    const qint64 tableAt = out.mid(number, numberEnd - number).trimmed().toLongLong();
    return out.left(xref) + moved.toLatin1() + "startxref\n" + QByteArray::number(tableAt + shift) + ' '
        + out.mid(numberEnd);
}

} // namespace PdfCreationDate
