#pragma once

#include <QTextBrowser>

// Shows the manual's pages by their language-neutral addresses (HelpPages::url), reading each
// page in the window's language where it has one and in English otherwise, so that links,
// Back and Forward work the same in every language.
class HelpBrowser final : public QTextBrowser
{
    Q_OBJECT

public:
    explicit HelpBrowser(QWidget *parent = nullptr);

    QVariant loadResource(int type, const QUrl &name) override;

private:
    QString m_language;
};
