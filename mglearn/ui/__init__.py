"""The Streamlit shell: the only package (with app.py) that imports streamlit."""
