#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

// A band at the top of the history while the ledger has moved on under it: "3 new transactions"
// (and "1 removed" when rows shown were rolled back elsewhere) with a button that shows them.
// The list under it stays where the person left it until they ask. Hidden when there is nothing
// to say.
class NewRowsBar final : public QFrame
{
    Q_OBJECT

public:
    explicit NewRowsBar(QWidget *parent = nullptr);

    // newRows above cap reads "more than cap"; both zero hides the bar.
    void setCounts(qint64 newRows, int cap, int removed);
    QString text() const;
    QPushButton *button() const { return m_show; }

signals:
    void showRequested();

private:
    void applyStyle();

    QLabel *m_text;
    QPushButton *m_show;
};
