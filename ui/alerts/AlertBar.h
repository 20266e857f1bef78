#pragma once

#include <QFrame>

class QLabel;
class QPushButton;
class QToolButton;

// The band at the top of the window that says new alerts came in, without taking the focus or
// interrupting: how many, and the newest in words, with Show Alerts and Dismiss.
class AlertBar final : public QFrame
{
    Q_OBJECT

public:
    explicit AlertBar(QWidget *parent = nullptr);

    // count new alerts since the bar was last dismissed; latest: the newest one's sentence.
    void setAlerts(int count, const QString &latest);
    QString text() const;
    QPushButton *showButton() const { return m_show; }
    QToolButton *dismissButton() const { return m_dismiss; }

protected:
    void resizeEvent(QResizeEvent *event) override;

signals:
    void showRequested();
    void dismissed();

private:
    void elide();

    QString m_full;
    QLabel *m_icon;
    QLabel *m_text;
    QPushButton *m_show;
    QToolButton *m_dismiss;
};
