#pragma once

#include <QDialog>

class QLabel;
class QPlainTextEdit;

// Help > About XP Admin: the icon, the version, what is open, the licence (the LICENSE file
// shipped with the program, in full) and links to the project, its issue tracker and the manual.
class AboutDialog final : public QDialog
{
    Q_OBJECT

public:
    // database: what is open, in words ("SQLite 3.40.1, /srv/ledger.sqlite"); empty: nothing.
    explicit AboutDialog(const QString &database, QWidget *parent = nullptr);

    // The licence's name as its file states it ("MIT License"), and the whole text.
    static QString licenceName();
    static QString licenceText();
    // Where the project lives (the metainfo's homepage).
    static QString homepage();

    // The parts, for tests.
    QLabel *linksLabel() const { return m_links; }
    QPlainTextEdit *licenceView() const { return m_licence; }

signals:
    // The link to the manual was followed.
    void manualRequested();

private:
    QLabel *m_links;
    QPlainTextEdit *m_licence;
};
