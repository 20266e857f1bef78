#pragma once

#include <QHash>
#include <QWidget>

class HelpBrowser;
class QLineEdit;
class QListWidget;

// The user manual (F1): the contents on the left, the page on the right, Back and Forward, and
// a search that keeps only the pages containing the words and finds them in the page shown
// (Enter finds the next place). One window, kept open beside the main window.
class HelpWindow final : public QWidget
{
    Q_OBJECT

public:
    explicit HelpWindow(QWidget *parent = nullptr);

    // Shows a page (HelpPages' id), at the anchor if given, and brings the window to the front.
    void showPage(const QString &id, const QString &anchor = {});
    // The page shown now (its id).
    QString currentPage() const;

    // The parts, for tests.
    HelpBrowser *browser() const { return m_browser; }
    QListWidget *contents() const { return m_contents; }
    QLineEdit *searchField() const { return m_search; }

private:
    void filterContents(const QString &text);
    void findNext();
    // Marks the first place of the search's first word in the page shown.
    void markFirst();
    // The page's words, read once, for the search.
    QString pageText(const QString &id);

    HelpBrowser *m_browser;
    QListWidget *m_contents;
    QLineEdit *m_search;
    QHash<QString, QString> m_pageTexts;
    bool m_syncing = false; // the contents follow the page shown, not the other way round
};
