#include "ui/help/HelpBrowser.h"

#include "ui/help/HelpPages.h"

#include <QDesktopServices>
#include <QFile>

HelpBrowser::HelpBrowser(QWidget *parent) : QTextBrowser(parent), m_language(HelpPages::currentLanguage())
{
    setObjectName(QStringLiteral("helpBrowser"));
    // Kept by every page loaded into the document; colours stay the palette's (light or dark).
    document()->setDocumentMargin(14);
    document()->setDefaultStyleSheet(QStringLiteral("table { border-collapse: collapse; margin-top: 4px; } "
                                                    "th, td { padding: 4px 8px; } "
                                                    "pre, code { font-family: monospace; }"));
    // Web links open in the system's browser; the manual's own pages open here.
    setOpenLinks(false);
    connect(this, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.scheme() == QLatin1String("qrc") || url.isRelative())
            setSource(source().resolved(url));
        else
            QDesktopServices::openUrl(url);
    });
}

QVariant HelpBrowser::loadResource(int type, const QUrl &name)
{
    if (type == QTextDocument::HtmlResource && name.scheme() == QLatin1String("qrc")
        && name.path().startsWith(QLatin1String("/help/"))) {
        QFile file(HelpPages::resourceFile(name, m_language));
        if (file.open(QIODevice::ReadOnly))
            return QString::fromUtf8(file.readAll());
    }
    return QTextBrowser::loadResource(type, name);
}
