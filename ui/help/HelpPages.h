#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QUrl>

// The pages of the user manual, in reading order. Each page is an HTML file in the resources,
// ":/help/<language>/<page>.html"; a language without its own page falls back to English, so a
// translation can be dropped in page by page. Pages link to each other by file name.
class HelpPages final
{
    Q_DECLARE_TR_FUNCTIONS(HelpPages)

public:
    struct Page
    {
        QString id; // the file name without ".html": "users", "history", ...
        QString title; // translated
    };

    static QList<Page> pages();
    // The translated title of a page; empty for an unknown one.
    static QString title(const QString &id);
    // The language-neutral address a browser shows: qrc:/help/<id>.html (plus #anchor).
    static QUrl url(const QString &id, const QString &anchor = {});
    // The resource file for a language-neutral address in language ("de"), else English's;
    // empty if neither exists.
    static QString resourceFile(const QUrl &url, const QString &language);
    // The language of the window ("en", "de", "fr"), as installed in the default locale.
    static QString currentLanguage();
};
