#include "ui/help/HelpWindow.h"

#include "ui/common/ThemeIcon.h"
#include "ui/help/HelpBrowser.h"
#include "ui/help/HelpPages.h"

#include <QAction>
#include <QFile>
#include <QFileInfo>
#include <QLineEdit>
#include <QListWidget>
#include <QSplitter>
#include <QTextDocument>
#include <QToolBar>
#include <QVBoxLayout>

namespace {

constexpr int IdRole = Qt::UserRole;

} // namespace

HelpWindow::HelpWindow(QWidget *parent)
    : QWidget(parent, Qt::Window),
      m_browser(new HelpBrowser(this)),
      m_contents(new QListWidget(this)),
      m_search(new QLineEdit(this))
{
    setObjectName(QStringLiteral("helpWindow"));
    setWindowTitle(tr("XP Admin Manual"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/xpadmin.svg")));
    resize(1000, 700);

    auto *toolbar = new QToolBar(this);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    QAction *back
        = toolbar->addAction(ThemeIcon::icon(QStringLiteral("go-previous"), QStringLiteral("back")), tr("&Back"));
    back->setShortcut(QKeySequence::Back);
    back->setToolTip(tr("Show the page before (%1)").arg(back->shortcut().toString(QKeySequence::NativeText)));
    back->setEnabled(false);
    QAction *forward
        = toolbar->addAction(ThemeIcon::icon(QStringLiteral("go-next"), QStringLiteral("forward")), tr("&Forward"));
    forward->setShortcut(QKeySequence::Forward);
    forward->setToolTip(tr("Show the page after (%1)").arg(forward->shortcut().toString(QKeySequence::NativeText)));
    forward->setEnabled(false);
    QAction *home
        = toolbar->addAction(ThemeIcon::icon(QStringLiteral("go-home"), QStringLiteral("contents")), tr("&Contents"));
    home->setToolTip(tr("Show the first page of the manual"));
    connect(back, &QAction::triggered, m_browser, &QTextBrowser::backward);
    connect(forward, &QAction::triggered, m_browser, &QTextBrowser::forward);
    connect(home, &QAction::triggered, this, [this] { showPage(QStringLiteral("index")); });
    connect(m_browser, &QTextBrowser::backwardAvailable, back, &QAction::setEnabled);
    connect(m_browser, &QTextBrowser::forwardAvailable, forward, &QAction::setEnabled);

    auto *spacer = new QWidget(toolbar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolbar->addWidget(spacer);
    m_search->setObjectName(QStringLiteral("helpSearch"));
    m_search->setPlaceholderText(tr("Search the manual"));
    m_search->setToolTip(tr("Lists the pages that contain the words and marks them in the page (Enter: next place)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(260);
    toolbar->addWidget(m_search);
    auto *find = new QAction(this);
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, m_search, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    addAction(find);
    connect(m_search, &QLineEdit::textChanged, this, &HelpWindow::filterContents);
    connect(m_search, &QLineEdit::returnPressed, this, &HelpWindow::findNext);

    m_contents->setObjectName(QStringLiteral("helpContents"));
    m_contents->setSpacing(2);
    const QList<HelpPages::Page> pages = HelpPages::pages();
    for (const HelpPages::Page &page : pages) {
        auto *item = new QListWidgetItem(page.title, m_contents);
        item->setData(IdRole, page.id);
    }
    connect(m_contents, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (item && !m_syncing && item->data(IdRole).toString() != currentPage())
            m_browser->setSource(HelpPages::url(item->data(IdRole).toString()));
    });
    // The signal comes before source() says the new page: the page is the signal's.
    connect(m_browser, &QTextBrowser::sourceChanged, this, [this](const QUrl &url) {
        const QString id = QFileInfo(url.path()).completeBaseName();
        m_syncing = true;
        for (int row = 0; row < m_contents->count(); ++row) {
            if (m_contents->item(row)->data(IdRole).toString() == id)
                m_contents->setCurrentRow(row);
        }
        m_syncing = false;
        setWindowTitle(tr("%1 — XP Admin Manual").arg(HelpPages::title(id)));
        markFirst();
    });

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_contents);
    splitter->addWidget(m_browser);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 4);
    splitter->setSizes({240, 760});
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(toolbar);
    layout->addWidget(splitter, 1);
}

void HelpWindow::showPage(const QString &id, const QString &anchor)
{
    const QString page = HelpPages::title(id).isEmpty() ? QStringLiteral("index") : id;
    m_browser->setSource(HelpPages::url(page, anchor));
    show();
    raise();
    activateWindow();
}

QString HelpWindow::currentPage() const
{
    return QFileInfo(m_browser->source().path()).completeBaseName();
}

QString HelpWindow::pageText(const QString &id)
{
    if (const auto found = m_pageTexts.constFind(id); found != m_pageTexts.constEnd())
        return *found;
    QFile file(HelpPages::resourceFile(HelpPages::url(id), HelpPages::currentLanguage()));
    QTextDocument document;
    if (file.open(QIODevice::ReadOnly))
        document.setHtml(QString::fromUtf8(file.readAll()));
    return *m_pageTexts.insert(id, document.toPlainText());
}

void HelpWindow::filterContents(const QString &text)
{
    const QStringList words = text.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (int row = 0; row < m_contents->count(); ++row) {
        QListWidgetItem *item = m_contents->item(row);
        const QString content = item->text() + QLatin1Char('\n') + pageText(item->data(IdRole).toString());
        const bool matches = std::all_of(words.cbegin(), words.cend(), [&content](const QString &word) {
            return content.contains(word, Qt::CaseInsensitive);
        });
        item->setHidden(!matches);
    }
    markFirst();
}

void HelpWindow::markFirst()
{
    const QString word = m_search->text().simplified().section(QLatin1Char(' '), 0, 0);
    if (word.isEmpty())
        return;
    m_browser->moveCursor(QTextCursor::Start);
    m_browser->find(word);
}

void HelpWindow::findNext()
{
    const QString words = m_search->text().simplified();
    if (words.isEmpty())
        return;
    const QString word = words.section(QLatin1Char(' '), 0, 0);
    if (m_browser->find(word))
        return;
    // Past the last place in this page: the next page listed that has it.
    const int current = m_contents->currentRow();
    for (int step = 1; step <= m_contents->count(); ++step) {
        QListWidgetItem *item = m_contents->item((current + step) % m_contents->count());
        if (!item->isHidden()) {
            m_browser->setSource(HelpPages::url(item->data(IdRole).toString())); // marks the first place
            return;
        }
    }
}
