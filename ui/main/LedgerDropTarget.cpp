#include "ui/main/LedgerDropTarget.h"

#include "ui/main/LedgerFile.h"
#include "ui/main/MainWindow.h"

#include <QDropEvent>
#include <QMimeData>
#include <QUrl>

namespace {

// The first local ledger file among the dragged URLs; empty if none.
QString ledgerPath(const QMimeData *data)
{
    if (!data || !data->hasUrls())
        return {};
    const QList<QUrl> urls = data->urls();
    for (const QUrl &url : urls) {
        if (url.isLocalFile() && LedgerFile::hasLedgerSuffix(url.toLocalFile()))
            return url.toLocalFile();
    }
    return {};
}

} // namespace

LedgerDropTarget::LedgerDropTarget(MainWindow *window) : QObject(window), m_window(window)
{
    window->setAcceptDrops(true);
    window->installEventFilter(this);
}

bool LedgerDropTarget::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_window)
        return false;
    switch (event->type()) {
    case QEvent::DragEnter:
    case QEvent::DragMove: {
        auto *drag = static_cast<QDropEvent *>(event);
        if (ledgerPath(drag->mimeData()).isEmpty())
            return false;
        drag->acceptProposedAction();
        return true;
    }
    case QEvent::Drop: {
        auto *drop = static_cast<QDropEvent *>(event);
        const QString path = ledgerPath(drop->mimeData());
        if (path.isEmpty())
            return false;
        drop->acceptProposedAction();
        // After the drop has finished: the question must not run inside the drag's event loop.
        QMetaObject::invokeMethod(
            m_window, [window = m_window, path] { LedgerFile::confirmAndOpen(window, path); }, Qt::QueuedConnection);
        return true;
    }
    default:
        return false;
    }
}
