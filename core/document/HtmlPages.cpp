#include "core/document/HtmlPages.h"

#include <QAbstractTextDocumentLayout>
#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>

namespace HtmlPages {

void print(const QString &html, QPagedPaintDevice *device)
{
    // QTextDocument::print would add margins of its own to the device's.
    QTextDocument document;
    document.documentLayout()->setPaintDevice(device);
    document.setHtml(html);
    QPainter painter(device);
    const QFont footFont(QStringLiteral("sans-serif"), 8);
    const qreal footHeight = QFontMetricsF(footFont, device).height() * 2;
    const QSizeF page(device->width(), device->height() - footHeight);
    document.setPageSize(page);
    const int pages = document.pageCount();
    for (int i = 0; i < pages; ++i) {
        if (i > 0)
            device->newPage();
        painter.save();
        painter.translate(0, -i * page.height());
        document.drawContents(&painter, QRectF(QPointF(0, i * page.height()), page));
        painter.restore();
        painter.setFont(footFont);
        painter.drawText(QRectF(0, page.height(), page.width(), footHeight), Qt::AlignRight | Qt::AlignBottom,
                         QString::number(i + 1));
    }
}

Status writePdf(const QString &html, const QString &fileName, const QString &title)
{
    QSaveFile file(fileName);
    const auto failed = [&] {
        return Error::input(
            QCoreApplication::translate("HtmlPages", "Cannot write %1: %2").arg(fileName, file.errorString()));
    };
    if (!file.open(QIODevice::WriteOnly))
        return failed();
    {
        QPdfWriter pdf(&file);
        pdf.setPageSize(QPageSize(QPageSize::A4));
        // The margins of a printed page; print() lays the text out inside them.
        pdf.setPageMargins(QMarginsF(15, 12, 15, 12), QPageLayout::Millimeter);
        pdf.setTitle(title);
        pdf.setCreator(QStringLiteral("XP Admin"));
        print(html, &pdf);
    }
    if (!file.commit())
        return failed();
    return {};
}

} // namespace HtmlPages
