"""The pages of the corpus's adversarial sites: words that look like evidence and are not,
and a hostile home page."""

RELATED_POLICIES = """<h2>Related policies</h2>
<ul><li>Complaints Procedure</li><li>Admissions Policy</li><li>Transition Policy</li>
<li>Looked After Children Policy</li><li>Equality Information and Objectives Statement</li></ul>"""

POLICIES_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Policies</title></head><body>
<h1>Policies</h1><p>Our policies are listed below. Paper copies are free from the office.</p>
<ul>
<li><a href="/policies/complaints-procedure.pdf">Complaints Procedure</a></li>
<li><a href="/policies/admissions.pdf">Admissions Policy (disabled pupils welcome)</a></li>
<li><a href="/policies/looked-after-children.pdf">Looked After Children Policy</a></li>
<li><a href="/policies/transition.pdf">Transition and Transfer Policy</a></li>
<li><a href="/policies/equality.pdf">Equality and Less Favourable Treatment Policy</a></li>
<li><a href="/policies/send-policy.pdf">SEND Policy</a></li>
</ul></body></html>"""

PARENTS_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Parents</title></head><body>
<h1>Parents</h1>
<p>Welcome, parents and carers. Here you will find term dates, uniform and lunch menus.</p>
<h2>Parents' evenings</h2><p>Parents' evenings are in October and March. We meet with
parents to talk about progress, and we keep parents informed through the weekly newsletter.</p>
<p>Read our <a href="/send/information-report.html">SEND Information Report</a>. Our SENCO is
happy to meet you.</p><p>Home-school agreement: please sign and return it.</p>
</body></html>"""

BROKEN_LIST = """Related documents
Complaints
Procedure
Looked After
Children Policy
Accessibility
Plan"""

HOSTILE_HOME = """
<script>document.write('<a href="/send/information-report.html">SEND</a>');</script>
<p><a href="javascript:openReport('send')">SEND Information Report (new)</a></p>
<p><span onclick="location.href='/send/'">SEND</span></p>
<p><a href="/to-private/10.0.0.5">SEN policy</a></p>
<p><a href="http://169.254.169.254/latest/meta-data/">SEND Local Offer</a></p>
<p><a href="/calendar/1">SEND events calendar</a></p>
<p><a href="file:///etc/passwd">Special educational needs (file)</a></p>
"""
